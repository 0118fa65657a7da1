/**
 * Sending a launch recorded as pending (LaunchService.prepare): the call to FlowX, the one renewal
 * of the token after a 401, what the answer says of the token, and the completed record. Starting
 * a process is not idempotent: nothing but a 401 (FlowX created nothing) is ever sent again.
 */
import type { LaunchCompletion, LaunchRecord } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { TokenManager } from '../auth/token-manager'
import type { Ledger } from '../history'
import { startProcess, type StartOutcome } from '../launcher'
import type { Logger } from '../ports'
import { bearerFor, type LaunchConnection } from './connections'
import type { LaunchHooks, LaunchRequest } from './launch-service'

/** What a prepared launch keeps between its record and its request. */
export interface RecordedLaunch {
  connection: LaunchConnection
  request: LaunchRequest
  controller: AbortController
  record: LaunchRecord
  token: string | undefined
  baseUrl: string
  payloadText: string
}

export interface LaunchTimeouts {
  inactivityTimeoutMs: number
  deadlineMs: number
}

export const DEFAULT_TIMEOUTS: LaunchTimeouts = { inactivityTimeoutMs: 30_000, deadlineMs: 120_000 }

/** What sending uses of the launch service's dependencies. */
export interface SendDeps {
  ledger: Ledger
  logger: Logger
  tokens?: TokenManager
  timeouts?: LaunchTimeouts
}

/** Call FlowX for a launch recorded as pending, and record the outcome. */
export async function sendLaunch(
  launch: RecordedLaunch,
  deps: SendDeps,
  hooks: LaunchHooks
): Promise<LaunchRecord> {
  const { connection, request, controller, record } = launch
  const { target } = request
  let { token } = launch
  const timeouts = deps.timeouts ?? DEFAULT_TIMEOUTS
  const send = (bearer: string | undefined): Promise<StartOutcome> =>
    startProcess({
      baseUrl: launch.baseUrl,
      platform: connection.platform,
      token: bearer,
      target,
      payload: launch.payloadText,
      payloadChecked: true,
      signal: controller.signal,
      ...(connection.transport ? { transport: connection.transport } : {}),
      ...timeouts
    })
  let outcome = await send(token)
  let retriedAfter401 = false
  // A 401 means FlowX created nothing: renew the token once and send once more. Nothing else
  // is ever resent, since a start that may have arrived must not start a second instance.
  const renewable = connection.credentials && request.bearer === undefined
  if (outcome.httpStatus === 401 && renewable && token !== undefined) {
    deps.tokens?.invalidate(connection.profileId, token)
    const renewed = await bearerFor(connection, deps.tokens, {
      force: true,
      signal: controller.signal
    })
      .then((value) => ({ value }))
      .catch((failure: unknown) => ({ failure }))
    if ('value' in renewed) {
      token = renewed.value
      retriedAfter401 = true
      outcome = explainSecond401(await send(token))
    } else if (renewed.failure instanceof AppFailure) {
      outcome = { ...outcome, error: renewed.failure.error }
    }
  }
  // FlowX refused the token last sent: the token chip says so until a fresh one is fetched.
  // (A pasted one-launch token says nothing about the profile's own.)
  if (outcome.httpStatus === 401 && token !== undefined && request.bearer === undefined) {
    const said = outcome.error?.message ?? 'FlowX answered 401 Unauthorized.'
    deps.tokens?.markRejected(connection.profileId, said)
  } else if (outcome.status === 'started') deps.tokens?.markAccepted(connection.profileId)
  deps.logger.info('launch finished', {
    id: record.id,
    status: outcome.status,
    httpStatus: outcome.httpStatus,
    code: outcome.error?.code,
    retriedAfter401
  })
  const completion: LaunchCompletion = {
    status: outcome.status,
    httpStatus: outcome.httpStatus,
    durationMs: outcome.durationMs,
    instance: outcome.instance,
    error: outcome.error,
    ...(retriedAfter401 ? { retriedAfter401 } : {})
  }
  hooks.onAnswer?.(answeredRecord(record, completion))
  return await deps.ledger.complete(record.id, completion)
}

/** The pending record with its outcome, as the ledger will complete it (absent fields left out). */
function answeredRecord(record: LaunchRecord, completion: LaunchCompletion): LaunchRecord {
  const answered: LaunchRecord = { ...record, status: completion.status }
  if (completion.httpStatus !== undefined) answered.httpStatus = completion.httpStatus
  answered.durationMs = completion.durationMs
  if (completion.instance !== undefined) answered.instance = completion.instance
  if (completion.error !== undefined) answered.error = completion.error
  if (completion.retriedAfter401) answered.retriedAfter401 = true
  return answered
}

/** A freshly fetched token was refused too: say what that points at. */
function explainSecond401(outcome: StartOutcome): StartOutcome {
  if (outcome.httpStatus !== 401 || !outcome.error) return outcome
  return {
    ...outcome,
    error: {
      ...outcome.error,
      hint: 'A freshly fetched token was refused as well: FlowX may not trust this identity provider (issuer or realm), or its clock may be ahead of the identity provider’s.'
    }
  }
}
