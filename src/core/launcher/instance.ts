/** Reading the instance out of a start response (flowx-api.md §d.1), whatever the server left out. */
import type { ProcessInstance, ProcessToken } from '../../shared/domain'

/** Ids are stored in the ledger: anything longer than this is not a real FlowX value. */
const MAX_FIELD_LENGTH = 500
const MAX_TOKENS = 1000
/** Instance fields read from the response body as they are named there (after uuid, state and processInstanceId). */
const BODY_FIELDS = [
  'processDefinitionName',
  'applicationId',
  'buildId',
  'buildStatusAtStart'
] as const

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A string or finite number as a string (FlowX sends numeric token and instance ids). */
function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'string' && value !== '') return value.slice(0, MAX_FIELD_LENGTH)
  return undefined
}

function parseToken(value: unknown): ProcessToken | undefined {
  if (!isRecord(value)) return undefined
  const id = text(value.id)
  if (id === undefined) return undefined
  const token: ProcessToken = {
    id,
    state: text(value.state) ?? '',
    statusCurrentNode: text(value.statusCurrentNode) ?? ''
  }
  const parent = text(value.parentTokenId)
  if (parent !== undefined) token.parentTokenId = parent
  return token
}

/** The instance in a start response body, or undefined when the body is not an object. */
export function parseInstance(body: unknown): ProcessInstance | undefined {
  if (!isRecord(body)) return undefined
  const metadata = isRecord(body.instanceMetadata) ? body.instanceMetadata : {}
  const tokens: ProcessToken[] = []
  if (Array.isArray(body.tokens)) {
    const count = Math.min(body.tokens.length, MAX_TOKENS)
    for (let i = 0; i < count; i++) {
      const token = parseToken(body.tokens[i])
      if (token !== undefined) tokens.push(token)
    }
  }
  const instance: ProcessInstance = { tokens }
  // Leave absent fields out rather than storing explicit undefineds in the ledger.
  const uuid = text(body.uuid) ?? text(metadata.processInstanceUuid)
  if (uuid !== undefined) instance.uuid = uuid
  // Written in this order, the order `start --json` and exports show the fields in.
  const state = text(body.state)
  if (state !== undefined) instance.state = state
  const processInstanceId = text(metadata.processInstanceId)
  if (processInstanceId !== undefined) instance.processInstanceId = processInstanceId
  for (const field of BODY_FIELDS) {
    const value = text(body[field])
    if (value !== undefined) instance[field] = value
  }
  return instance
}
