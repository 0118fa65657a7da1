/** Deterministic fault injection for the start routes and the token endpoint (flowx-api.md §e.6). */
import { baseHeaders, send, sendJson, sendNginx, sendProblem, type Ctx, type Headers } from './http'
import type { StartResponse } from './resolve'
import type { SandboxState } from './state'
import type { FaultConfig } from './types'

/** What a control-mode `X-Mock-Fault: <name>` header triggers for one call. */
export const HEADER_FAULTS: Readonly<Record<string, FaultConfig>> = {
  hang: { hang: true },
  reset: { reset: true },
  truncate: { truncate: true },
  garbage: { garbage200: 'text' },
  'missing-uuid': { garbage200: 'missing-uuid' },
  '413': { failStatus: 413 },
  '429': { failStatus: 429, retryAfter: 1 },
  '500': { failStatus: 500 },
  '502': { failStatus: 502 },
  '503': { failStatus: 503 },
  '504': { failStatus: 504 },
  'retry-after': { retryAfter: 1 },
  slow: { slowBodyBytesPerSec: 256 },
  'echo-authorization': { echoAuthorization: true },
  redirect: { redirectTo: { status: 302, location: 'https://redirect.invalid/rtm' } },
  'idp-down': { idpDown: true }
}

const FAIL_TITLES: Record<number, string> = {
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout'
}

/** The header's fault; undefined without one, 'unknown' for a name not in HEADER_FAULTS. */
export function headerFault(ctx: Ctx): FaultConfig | 'unknown' | undefined {
  const name = ctx.req.headers['x-mock-fault']
  if (!ctx.state.options.control || typeof name !== 'string') return undefined
  return Object.hasOwn(HEADER_FAULTS, name) ? HEADER_FAULTS[name] : 'unknown'
}

/**
 * The fault for one start request. A header fault wins for its one call; otherwise the configured
 * faults apply when in scope, with failEveryNth letting only every Nth in-scope request fail.
 */
export function chooseStartFault(
  state: SandboxState,
  processName: string,
  fromHeader: FaultConfig | undefined
): FaultConfig | undefined {
  if (fromHeader) return fromHeader
  const configured = state.faults
  if (!configured) return undefined
  if (configured.processName !== undefined && configured.processName !== processName)
    return undefined
  state.faultCount += 1
  const fault = { ...configured }
  if (fault.failEveryNth && fault.failEveryNth > 0) {
    if (state.faultCount % fault.failEveryNth === 0) fault.failStatus ??= 500
    else {
      delete fault.failStatus
      delete fault.retryAfter
    }
  }
  return fault
}

/** Next value in [0, 1) of the seeded PRNG (mulberry32): the same seed gives the same delays. */
export function nextRandom(state: SandboxState): number {
  state.rngState = (state.rngState + 0x6d2b79f5) >>> 0
  let t = state.rngState
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** Delay before answering under a fault: latency plus seeded jitter. */
export function faultDelayMs(state: SandboxState, fault: FaultConfig): number {
  const jitter = fault.jitterMs ? Math.floor(nextRandom(state) * fault.jitterMs) : 0
  return Math.max(0, (fault.latencyMs ?? 0) + jitter)
}

/** Faults that act in front of the service. Returns true when the request is settled. */
export async function applyIngressFaults(ctx: Ctx): Promise<boolean> {
  const fault = ctx.fault
  if (!fault) return false
  const delay = faultDelayMs(ctx.state, fault)
  if (delay > 0) await ctx.state.sleep(delay)
  if (ctx.res.destroyed || ctx.state.closed) return true
  // Accept and never answer: the client's timeout or cancel has to end it (or close()).
  if (fault.hang) return true
  if (fault.reset) {
    ctx.req.socket.resetAndDestroy()
    return true
  }
  if (fault.redirectTo) {
    send(ctx, fault.redirectTo.status, { Location: fault.redirectTo.location })
    return true
  }
  if (fault.echoAuthorization) {
    const received = ctx.req.headers.authorization ?? '(none)'
    sendProblem(ctx, 500, 'Internal Server Error', `Request failed; Authorization: ${received}`)
    return true
  }
  const status = fault.failStatus ?? (fault.retryAfter !== undefined ? 503 : undefined)
  if (status === undefined) return false
  sendFailure(ctx, status, fault)
  return true
}

/** Statuses the ingress (nginx) answers itself, with its HTML page unless asked otherwise. */
const INGRESS_STATUSES = new Set([413, 502, 504])

/** An injected error answer, in the body style asked for. */
export function sendFailure(ctx: Ctx, status: number, fault: FaultConfig): void {
  const headers: Headers = fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter }
  const body = fault.failBody ?? (INGRESS_STATUSES.has(status) ? 'html' : 'problem')
  if (body === 'html') return sendNginx(ctx, status, headers)
  if (body === 'empty') return send(ctx, status, headers)
  if (body === 'text') {
    const text = 'upstream connect error or disconnect/reset before headers'
    return send(ctx, status, { 'Content-Type': 'text/plain;charset=utf-8', ...headers }, text)
  }
  const title = FAIL_TITLES[status] ?? 'Error'
  sendProblem(ctx, status, title, 'Injected fault.', { headers })
}

/** Answer a successful start, spoiled as the fault asks (the instance was started regardless). */
export function sendStartSuccess(ctx: Ctx, instance: StartResponse): void {
  const fault = ctx.fault
  if (fault?.garbage200 === 'text') {
    // Labelled JSON but not JSON: clients must not trust the Content-Type alone.
    return send(ctx, 200, { 'Content-Type': 'application/json' }, 'Process started.')
  }
  let value: StartResponse | Omit<StartResponse, 'uuid'> = instance
  if (fault?.garbage200 === 'missing-uuid') {
    const { uuid: _uuid, ...rest } = instance
    value = {
      ...rest,
      instanceMetadata: { processInstanceId: instance.instanceMetadata.processInstanceId }
    }
  }
  if (!fault?.truncate) return sendJson(ctx, 200, value)
  const payload = Buffer.from(JSON.stringify(value), 'utf8')
  const { res } = ctx
  res.writeHead(
    200,
    baseHeaders(ctx, { 'Content-Type': 'application/json', 'Content-Length': payload.length })
  )
  res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.destroy())
}
