/** How one launch is reported: a JSON line for scripts, or readable text. */
import type { LaunchRecord, ProcessToken } from '../shared/domain'
import { clean, fields, table } from './output'

/** The JSON object printed for a launch with `--json` (one line per launch). */
export interface LaunchJson {
  id: string
  status: LaunchRecord['status']
  url: string
  durationMs: number | null
  httpStatus: number | null
  startedAt: string
  profile: string
  mode: LaunchRecord['mode']
  processName: string
  instance: {
    uuid: string | null
    state: string | null
    tokens: ProcessToken[]
    processInstanceId?: string
    buildId?: string
    buildStatusAtStart?: string
  } | null
  error: {
    code: string
    message: string
    hint: string | null
    httpStatus: number | null
    detail?: string
  } | null
}

/** The JSON shape of a recorded launch. Fields are always present (null when unknown) for jq. */
export function launchJson(record: LaunchRecord): LaunchJson {
  const { instance, error } = record
  return {
    id: record.id,
    status: record.status,
    url: record.baseUrl + record.path,
    durationMs: record.durationMs ?? null,
    httpStatus: record.httpStatus ?? null,
    startedAt: record.startedAt,
    profile: record.profileName,
    mode: record.mode,
    processName: record.processName,
    instance: instance
      ? {
          uuid: instance.uuid ?? null,
          state: instance.state ?? null,
          tokens: instance.tokens,
          processInstanceId: instance.processInstanceId,
          buildId: instance.buildId,
          buildStatusAtStart: instance.buildStatusAtStart
        }
      : null,
    error: error
      ? {
          code: error.code,
          message: error.message,
          hint: error.hint ?? null,
          httpStatus: error.httpStatus ?? record.httpStatus ?? null,
          detail: error.detail
        }
      : null
  }
}

const HEADLINE: Record<LaunchRecord['status'], string> = {
  started: 'Started',
  failed: 'Failed',
  unknown: 'Outcome unknown',
  pending: 'Outcome unknown'
}

/** Readable lines for a launch; `stream` says where they belong (errors go to stderr). */
export function launchText(record: LaunchRecord): { stream: 'out' | 'err'; lines: string[] } {
  const { instance, error } = record
  const lines: string[] = []
  if (record.status === 'started') {
    lines.push(`Started ${clean(record.processName)}`)
  } else {
    const status = error?.httpStatus ?? record.httpStatus
    const code = error ? `${error.code}${status ? ` (HTTP ${status})` : ''}` : 'no answer'
    lines.push(`${HEADLINE[record.status]}: ${code}${error ? ` ${clean(error.message)}` : ''}`)
  }
  const build = instance?.buildId
    ? `${instance.buildId}${instance.buildStatusAtStart ? ` (${instance.buildStatusAtStart})` : ''}`
    : undefined
  lines.push(
    ...fields([
      ['Instance', instance?.uuid],
      ['State', instance?.state],
      ['Build', build],
      ['Hint', error?.hint],
      ['Detail', error?.detail],
      ['Process', record.status === 'started' ? undefined : record.processName],
      ['URL', `POST ${record.baseUrl}${record.path}`],
      ['Profile', record.profileName],
      ['Time', record.durationMs === undefined ? undefined : `${Math.round(record.durationMs)} ms`],
      ['History', record.id]
    ])
  )
  if (instance && instance.tokens.length > 0) {
    lines.push('', ...tokenTable(instance.tokens).map((line) => `  ${line}`))
  }
  return { stream: record.status === 'started' ? 'out' : 'err', lines }
}

/** The tokens of an instance, one per row, in the order FlowX returned them. */
export function tokenTable(tokens: ProcessToken[]): string[] {
  return table(
    ['TOKEN', 'STATE', 'CURRENT NODE', 'PARENT'],
    tokens.map((t) => [t.id, t.state, t.statusCurrentNode, t.parentTokenId ?? ''])
  )
}
