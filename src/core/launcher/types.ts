/** The inputs and outcome of one start call (DESIGN.md §4). */
import type { StartTarget, ProcessInstance } from '../../shared/domain'
import type { AppError } from '../../shared/errors'
import type { NetTransport } from '../net/types'

/** Everything needed to start one process instance. */
export interface StartRequest {
  /** Runtime base, normally ending in /rtm; validated again here. */
  baseUrl: string
  /** Sent as the Flowx-Platform header, e.g. web. */
  platform: string
  /** Bearer token; the Authorization header is left out when absent or blank. */
  token?: string
  target: StartTarget
  /**
   * The body: JSON text is sent exactly as written (so 64-bit ids survive); an object is
   * serialised with JSON.stringify.
   */
  payload: string | Record<string, unknown>
  /** The payload text was already checked by parsePayload (the launch service does): not again. */
  payloadChecked?: boolean
  /** Longest silence on the connection (connecting, waiting, reading). Default 30000. */
  inactivityTimeoutMs?: number
  /** Total time allowed for the whole call. Default 120000. */
  deadlineMs?: number
  /** The user's cancel. */
  signal?: AbortSignal
  /**
   * The profile's agents and proxy, from transportFor (src/core/net). Default directTransport():
   * verified TLS, no proxy. Direct connections are pooled and kept alive (connection-pool.ts); a
   * failure on a reused connection before any answer is always 'unknown', never resent.
   */
  transport?: NetTransport
}

/**
 * What happened. 'unknown' means the request may have reached FlowX but no usable answer came
 * back, so an instance may exist.
 */
export interface StartOutcome {
  status: 'started' | 'failed' | 'unknown'
  httpStatus?: number
  durationMs: number
  instance?: ProcessInstance
  error?: AppError
  /** Whether the whole request reached the wire (or the server answered). */
  requestSent: boolean
}

/** A classified outcome before timing is added. */
export type Classified = Omit<StartOutcome, 'durationMs' | 'requestSent'>
