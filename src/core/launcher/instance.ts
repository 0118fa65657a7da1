/** Reading the instance out of a start response (flowx-api.md §d.1), whatever the server left out. */
import type { ProcessInstance, ProcessToken } from '../../shared/domain'

/** Ids are stored in the ledger: anything longer than this is not a real FlowX value. */
const MAX_FIELD_LENGTH = 500
const MAX_TOKENS = 1000

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
  const tokens = Array.isArray(body.tokens) ? body.tokens.slice(0, MAX_TOKENS) : []
  const fields: Omit<ProcessInstance, 'tokens'> = {
    uuid: text(body.uuid) ?? text(metadata.processInstanceUuid),
    state: text(body.state),
    processInstanceId: text(metadata.processInstanceId),
    processDefinitionName: text(body.processDefinitionName),
    applicationId: text(body.applicationId),
    buildId: text(body.buildId),
    buildStatusAtStart: text(body.buildStatusAtStart)
  }
  const instance: ProcessInstance = {
    tokens: tokens.map(parseToken).filter((t): t is ProcessToken => t !== undefined)
  }
  // Leave absent fields out rather than storing explicit undefineds in the ledger.
  for (const [key, value] of Object.entries(fields) as [
    keyof typeof fields,
    string | undefined
  ][]) {
    if (value !== undefined) instance[key] = value
  }
  return instance
}
