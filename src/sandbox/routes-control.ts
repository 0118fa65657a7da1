/** The /__mock/* control routes, served only with `control: true` (flowx-api.md §e.2). */
import { send, sendJson, type Ctx } from './http'
import type { FaultConfig, RuntimeMode } from './types'

/** Answer a control request. */
export function handleControl(ctx: Ctx): void {
  const { state } = ctx
  const route = `${ctx.method} ${ctx.rawPath}`
  switch (route) {
    case 'GET /__mock/health':
      return sendJson(ctx, 200, { status: 'UP' })
    case 'GET /__mock/requests':
      return sendJson(ctx, 200, state.requests)
    case 'POST /__mock/reset':
      state.requests.length = 0
      state.recorded = 0
      state.setFaults(undefined)
      state.clockOffsetMs = 0
      return send(ctx, 204)
    case 'PUT /__mock/faults': {
      const parsed = parseFaultConfig(readJson(ctx))
      if (typeof parsed === 'string') return sendJson(ctx, 400, { error: parsed })
      state.setFaults(parsed)
      return sendJson(ctx, 200, { faults: state.faults ?? null })
    }
    case 'POST /__mock/clock': {
      const body = readJson(ctx)
      const offsetSec = isRecord(body) ? body.offsetSec : undefined
      if (typeof offsetSec !== 'number' || !Number.isFinite(offsetSec)) {
        return sendJson(ctx, 400, { error: 'Send {"offsetSec": <number>}.' })
      }
      state.clockOffsetMs = offsetSec * 1000
      return sendJson(ctx, 200, { offsetSec, now: new Date(state.now()).toISOString() })
    }
    case 'PUT /__mock/runtime': {
      const body = readJson(ctx)
      const parsed = parseRuntimeMode(body)
      if (typeof parsed === 'string') return sendJson(ctx, 400, { error: parsed })
      state.setRuntime(parsed)
      return sendJson(ctx, 200, {
        apiGeneration: state.options.apiGeneration ?? 5,
        trustedIssuers: state.options.trustedIssuers ?? null
      })
    }
    default:
      return sendJson(ctx, 404, { error: `No control route ${route}.` })
  }
}

function readJson(ctx: Ctx): unknown {
  try {
    return JSON.parse(ctx.body.toString('utf8') || 'null')
  } catch {
    return Symbol.for('invalid')
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const NUMBER_KEYS = [
  'latencyMs',
  'jitterMs',
  'seed',
  'failEveryNth',
  'retryAfter',
  'slowBodyBytesPerSec'
] as const
const BOOLEAN_KEYS = ['hang', 'reset', 'truncate', 'echoAuthorization', 'idpDown'] as const
const KNOWN_KEYS = new Set<string>([
  ...NUMBER_KEYS,
  ...BOOLEAN_KEYS,
  'garbage200',
  'failStatus',
  'failBody',
  'redirectTo',
  'processName'
])

/** Check a fault configuration sent over HTTP; null or {} clears. Returns an error message. */
export function parseFaultConfig(value: unknown): FaultConfig | undefined | string {
  if (value === null) return undefined
  if (!isRecord(value)) return 'Send a JSON object of faults, or null.'
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.has(key)) return `Unknown fault "${key}".`
  }
  for (const key of NUMBER_KEYS) {
    const v = value[key]
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      return `${key} must be a number ≥ 0.`
    }
  }
  for (const key of BOOLEAN_KEYS) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean')
      return `${key} must be a boolean.`
  }
  const { garbage200, failStatus, failBody, redirectTo, processName } = value
  if (garbage200 !== undefined && garbage200 !== 'text' && garbage200 !== 'missing-uuid') {
    return 'garbage200 must be "text" or "missing-uuid".'
  }
  if (failStatus !== undefined && ![413, 429, 500, 502, 503, 504].includes(failStatus as number)) {
    return 'failStatus must be 413, 429, 500, 502, 503 or 504.'
  }
  if (
    failBody !== undefined &&
    !['problem', 'html', 'empty', 'text'].includes(failBody as string)
  ) {
    return 'failBody must be problem, html, empty or text.'
  }
  if (
    redirectTo !== undefined &&
    !(
      isRecord(redirectTo) &&
      [301, 302, 307, 308].includes(redirectTo.status as number) &&
      typeof redirectTo.location === 'string'
    )
  ) {
    return 'redirectTo must be {status: 301|302|307|308, location}.'
  }
  if (processName !== undefined && typeof processName !== 'string') {
    return 'processName must be a string.'
  }
  return Object.keys(value).length === 0 ? undefined : (value as FaultConfig)
}

/** Check a runtime mode sent over HTTP: {apiGeneration?: 4|5, trustedIssuers?: string[]}. */
export function parseRuntimeMode(value: unknown): RuntimeMode | string {
  if (value === null) return {}
  if (!isRecord(value)) return 'Send {"apiGeneration": 4|5, "trustedIssuers": [...]}, or null.'
  for (const key of Object.keys(value)) {
    if (key !== 'apiGeneration' && key !== 'trustedIssuers') return `Unknown setting "${key}".`
  }
  const { apiGeneration, trustedIssuers } = value
  if (apiGeneration !== undefined && apiGeneration !== 4 && apiGeneration !== 5) {
    return 'apiGeneration must be 4 or 5.'
  }
  if (
    trustedIssuers !== undefined &&
    !(Array.isArray(trustedIssuers) && trustedIssuers.every((i) => typeof i === 'string'))
  ) {
    return 'trustedIssuers must be a list of issuer URLs.'
  }
  return {
    ...(apiGeneration !== undefined ? { apiGeneration } : {}),
    ...(trustedIssuers !== undefined ? { trustedIssuers: trustedIssuers as string[] } : {})
  }
}
