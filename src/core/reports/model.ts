/**
 * What a launch report says about each launch, as plain labelled text: who, when, environment,
 * target, payload, result, instance, tokens, errors and build. Both renderers (Markdown and HTML)
 * print this model and nothing else, so what one shows the other shows, and masking happens once.
 */
import type { LaunchRecord } from '../../shared/domain'

export interface ReportOptions {
  includePayload: boolean
  maskHosts: boolean
  /** When the report was made (ISO). */
  createdAt: string
  /** App version, for the footer. */
  version: string
  /** The ticket the report is for, when made by ticket. */
  ticket?: string
}

export interface ReportToken {
  id: string
  state: string
  node: string
  parent?: string
}

/** One launch, every value already safe to print (masked as asked, never a secret). */
export interface ReportEntry {
  id: string
  title: string
  facts: Array<[label: string, value: string]>
  payload?: string
  tokens: ReportToken[]
  error?: { code: string; message: string; hint?: string; detail?: string }
  build: Array<[label: string, value: string]>
}

export interface ReportModel {
  title: string
  summary: Array<[label: string, value: string]>
  entries: ReportEntry[]
  footer: string
}

const STATUS_WORDS: Record<LaunchRecord['status'], string> = {
  started: 'Started',
  failed: 'Failed',
  unknown: 'Outcome unknown — check in FlowX before launching again',
  pending: 'Outcome unknown — the app stopped before the answer arrived'
}

/** Replaces each distinct host with `host-1`, `host-2`… consistently across the report. */
export class HostMasker {
  private readonly hosts = new Map<string, string>()

  constructor(private readonly enabled: boolean) {}

  /** Learn the host of a URL (call for every base URL before masking text). */
  learn(url: string): void {
    if (!this.enabled) return
    try {
      const { hostname, host } = new URL(url)
      for (const name of [host, hostname]) {
        if (name && !this.hosts.has(name)) this.hosts.set(name, '')
      }
    } catch {
      // Not a URL: nothing to learn.
    }
    let n = 0
    const seen = new Map<string, string>()
    for (const name of this.hosts.keys()) {
      const bare = name.replace(/:\d+$/, '')
      if (!seen.has(bare)) seen.set(bare, `host-${++n}`)
      const port = name.slice(bare.length)
      this.hosts.set(name, `${seen.get(bare)}${port}`)
    }
  }

  mask(text: string): string {
    if (!this.enabled) return text
    let out = text
    // Longest first, so host:port goes before host.
    const names = [...this.hosts.keys()].sort((a, b) => b.length - a.length)
    for (const name of names) out = out.split(name).join(this.hosts.get(name) ?? 'host')
    return out
  }
}

/** `2026-12-06 10:00:00 UTC → 10:00:01` (the end's date only when it differs). */
function when(started: string, finished: string | undefined): string {
  const show = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')
  const start = `${show(started)} UTC`
  if (!finished) return start
  const end = show(finished)
  return `${start} → ${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : `${end} UTC`}`
}

function duration(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`
}

function target(record: LaunchRecord): string {
  return record.mode === 'workspace'
    ? `by workspace — workspace ${record.workspaceId ?? '?'}, app ${record.appId}, process ${record.processName}`
    : `by build — app ${record.appId}, build ${record.buildId ?? '?'}, process ${record.processName}`
}

/** The report model of some launches; `secretsFree` masks whatever the redactor knows. */
export function reportModel(
  records: LaunchRecord[],
  options: ReportOptions,
  secretsFree: (text: string) => string
): ReportModel {
  const hosts = new HostMasker(options.maskHosts)
  for (const record of records) hosts.learn(record.baseUrl)
  const safe = (text: string): string => hosts.mask(secretsFree(text))
  const pairs = (list: Array<[string, string | undefined]>): Array<[string, string]> =>
    list
      .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '')
      .map(([label, value]) => [label, safe(value)])

  const entries = records.map((record): ReportEntry => {
    const instance = record.instance
    const facts = pairs([
      [
        'Result',
        `${STATUS_WORDS[record.status]}${record.httpStatus ? ` (HTTP ${record.httpStatus})` : ''}`
      ],
      ['When', when(record.startedAt, record.finishedAt)],
      ['Duration', duration(record.durationMs)],
      ['Who', record.launchedBy],
      ['Ticket', record.ticket],
      ['Note', record.note],
      ['Environment', `${record.profileName} — ${record.baseUrl}`],
      ['Target', target(record)],
      ['Request', `POST ${record.baseUrl}${record.path}`],
      ['Instance uuid', instance?.uuid],
      ['Instance state', instance?.state],
      ['Saved launch', record.savedLaunch],
      ['Replay of', record.replayOf],
      ['Batch', record.batchId ? `${record.batchId} row ${record.batchRow ?? '?'}` : undefined],
      ['Certificate check', record.tlsVerification === 'on' ? undefined : record.tlsVerification],
      ['Resent after 401', record.retriedAfter401 ? 'yes, once, with a fresh token' : undefined],
      ['Launch id', record.id]
    ])
    const build = pairs([
      ['Build id', instance?.buildId ?? record.buildId],
      ['Build status at start', instance?.buildStatusAtStart],
      ['Application id', instance?.applicationId ?? record.appId],
      ['Process definition', instance?.processDefinitionName]
    ])
    const error = record.error
      ? {
          code: record.error.code,
          message: safe(record.error.message),
          ...(record.error.hint ? { hint: safe(record.error.hint) } : {}),
          ...(record.error.detail ? { detail: safe(record.error.detail) } : {})
        }
      : undefined
    return {
      id: record.id,
      title: safe(`${record.processName} on ${record.profileName}`),
      facts,
      ...(options.includePayload ? { payload: safe(prettyJson(record.payload)) } : {}),
      tokens: (instance?.tokens ?? []).map((t) => ({
        id: safe(t.id),
        state: safe(t.state),
        node: safe(t.statusCurrentNode),
        ...(t.parentTokenId ? { parent: safe(t.parentTokenId) } : {})
      })),
      ...(error ? { error } : {}),
      build
    }
  })

  const counts = ['started', 'failed', 'unknown', 'pending'].map(
    (s) => [s, records.filter((r) => r.status === s).length] as const
  )
  const summary = pairs([
    ['Ticket', options.ticket],
    ['Launches', String(records.length)],
    [
      'Outcomes',
      counts
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ')
    ],
    ['Environments', [...new Set(records.map((r) => r.profileName))].join(', ')],
    ['Report made', options.createdAt],
    ['Host names', options.maskHosts ? 'masked' : undefined],
    ['Payloads', options.includePayload ? undefined : 'left out']
  ])
  return {
    title: safe(
      options.ticket
        ? `Launch report — ${options.ticket}`
        : records.length === 1
          ? `Launch report — ${records[0]?.processName ?? ''}`
          : `Launch report — ${records.length} launches`
    ),
    summary,
    entries,
    footer: `FlowX Launcher ${options.version}. Secrets and tokens are never included.`
  }
}

/** The payload pretty-printed when it is JSON that survives the round trip; else as written. */
function prettyJson(text: string): string {
  try {
    const value: unknown = JSON.parse(text)
    const pretty = JSON.stringify(value, null, 2)
    // Reformatting must not change values (64-bit integers): keep the text when it would.
    return JSON.stringify(JSON.parse(pretty)) === JSON.stringify(value) && !/\d{16,}/.test(text)
      ? pretty
      : text
  } catch {
    return text
  }
}
