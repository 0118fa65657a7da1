/**
 * Ids from a pasted link: a FlowX Designer URL, a runtime start or build-info URL (either start
 * mode), a cURL command, or any text. Every UUID found is labelled by where it stood (the path
 * segment before it, a query parameter's name, or its place in a runtime route); a field with more
 * than one candidate is reported as ambiguous so the form can ask. Pure: the renderer and the CLI
 * use it as is. The "where do I find this?" tips per id field follow flowx-api.md §d.4.
 */
import type { StartMode } from './domain'

/** What an id is, judged by where it stood. */
export type IdRole =
  'workspace' | 'app' | 'build' | 'process-definition' | 'instance' | 'organization' | 'unknown'

/** One UUID (or runtime path id) found, and why it got its label. */
export interface FoundId {
  value: string
  role: IdRole
  /** Where it stood, for the user: "after /projects/", "query appId", "start URL (by build)". */
  where: string
}

/** The form fields ids can fill. */
export type IdField = 'workspaceId' | 'appId' | 'buildId' | 'instanceUuid'

export interface ParsedIds {
  kind: 'runtime-url' | 'designer-url' | 'text'
  /** Whether it came out of a cURL command. */
  fromCurl: boolean
  /** Runtime URLs: the base before /api/runtime, and the start mode of a start URL. */
  baseUrl?: string
  mode?: StartMode
  processName?: string
  ids: FoundId[]
  /** Fields with exactly one candidate. */
  fields: Partial<Record<IdField, string>>
  /** Fields with several different candidates: ask which one. */
  ambiguous: Array<{ field: IdField; candidates: string[] }>
  /** UUIDs whose role could not be told: ask what each one is. */
  unlabelled: string[]
}

const UUID_SOURCE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
const UUID = new RegExp(`^${UUID_SOURCE}$`)
const UUIDS = new RegExp(`(?<![0-9a-fA-F-])${UUID_SOURCE}(?![0-9a-fA-F-])`, 'g')

/** Path segment or query-parameter words, lower-cased, and the role of the id after them. */
const KEYWORDS: Array<[IdRole, string[]]> = [
  [
    'workspace',
    ['workspaces', 'workspace', 'wks', 'ws', 'workspaceid', 'workspace-id', 'workspace_id']
  ],
  [
    'app',
    [
      'projects',
      'project',
      'applications',
      'application',
      'apps',
      'app',
      'appid',
      'app-id',
      'app_id',
      'applicationid',
      'projectid',
      'project-id',
      'project_id'
    ]
  ],
  ['build', ['builds', 'build', 'buildid', 'build-id', 'build_id']],
  [
    'process-definition',
    [
      'process-definitions',
      'process-definition',
      'processdefinitions',
      'processes',
      'process',
      'processdefinitionid',
      'definitions'
    ]
  ],
  [
    'instance',
    [
      'process-instances',
      'process-instance',
      'processinstances',
      'instances',
      'instance',
      'processinstanceid',
      'processinstanceuuid',
      'instanceuuid',
      'instanceid'
    ]
  ],
  ['organization', ['organizations', 'organization', 'orgs', 'org', 'organizationid', 'orgid']]
]
const ROLE_OF = new Map<string, IdRole>(
  KEYWORDS.flatMap(([role, words]) => words.map((w) => [w, role] as const))
)

const FIELD_OF: Partial<Record<IdRole, IdField>> = {
  workspace: 'workspaceId',
  app: 'appId',
  build: 'buildId',
  instance: 'instanceUuid'
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The URL in a cURL command (first http(s) argument, quoted or not), or undefined. */
export function urlInCurl(text: string): string | undefined {
  if (!/^\s*curl(\.exe)?\s/i.test(text)) return undefined
  const joined = text.replace(/\\\r?\n/g, ' ').replace(/\^\r?\n/g, ' ')
  const match = /(["']?)(https?:\/\/[^\s"']+)\1/i.exec(joined)
  return match?.[2]
}

/** The ids of a runtime route after `/api/runtime/`, or undefined when it is not one. */
function runtimeIds(
  segments: string[]
): Pick<ParsedIds, 'mode' | 'processName' | 'ids'> | undefined {
  const at = segments.findIndex((s, i) => s === 'api' && segments[i + 1] === 'runtime')
  if (at < 0) return undefined
  const r = segments.slice(at + 2).map(decode)
  const found = (value: string | undefined, role: IdRole, where: string): FoundId[] =>
    value ? [{ value, role, where }] : []
  // app/{a}/build/{b}/process-name/{name}/start
  if (r[0] === 'app' && r[2] === 'build' && r[4] === 'process-name') {
    return {
      mode: 'build',
      ...(r[5] ? { processName: r[5] } : {}),
      ids: [
        ...found(r[1], 'app', 'start URL (by build): app'),
        ...found(r[3], 'build', 'start URL (by build): build')
      ]
    }
  }
  // wks/{w}/app/{a}/process-name/{name}/start
  if (r[0] === 'wks' && r[2] === 'app' && r[4] === 'process-name') {
    return {
      mode: 'workspace',
      ...(r[5] ? { processName: r[5] } : {}),
      ids: [
        ...found(r[1], 'workspace', 'start URL (by workspace): workspace'),
        ...found(r[3], 'app', 'start URL (by workspace): app')
      ]
    }
  }
  if (r[0] === 'wks' && r[2] === 'app') {
    return {
      ids: [
        ...found(r[1], 'workspace', 'build-info URL: workspace'),
        ...found(r[3], 'app', 'build-info URL: app')
      ]
    }
  }
  if (r[0] === 'app') return { ids: found(r[1], 'app', 'runtime URL: app') }
  if (r[0] === 'process-instance') return { ids: found(r[1], 'instance', 'runtime URL: instance') }
  return { ids: [] }
}

/** Label each UUID of a Designer-like URL by the path word before it or its query name. */
function designerIds(url: URL): FoundId[] {
  const ids: FoundId[] = []
  const pathLike = [url.pathname, url.hash.replace(/^#/, '').split('?')[0] ?? '']
  for (const path of pathLike) {
    const segments = path.split('/').filter(Boolean).map(decode)
    segments.forEach((segment, i) => {
      for (const value of segment.match(UUIDS) ?? []) {
        const before = segments[i - 1]?.toLowerCase()
        const role = (before && ROLE_OF.get(before)) || 'unknown'
        ids.push({ value, role, where: before ? `after /${segments[i - 1]}/` : 'in the path' })
      }
    })
  }
  const queries = [url.search, url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?')) : '']
  for (const query of queries) {
    for (const [name, value] of new URLSearchParams(query)) {
      for (const id of value.match(UUIDS) ?? []) {
        const role = ROLE_OF.get(name.toLowerCase()) ?? 'unknown'
        ids.push({ value: id, role, where: `query ${name}` })
      }
    }
  }
  return ids
}

function parseUrl(text: string): URL | undefined {
  const trimmed = text.trim()
  if (!/^https?:\/\//i.test(trimmed)) return undefined
  try {
    return new URL(trimmed)
  } catch {
    return undefined
  }
}

/** Pull the ids out of a pasted link, cURL command or text. */
export function parseIds(text: string): ParsedIds {
  const curlUrl = urlInCurl(text)
  const url = parseUrl(curlUrl ?? text)
  let kind: ParsedIds['kind'] = 'text'
  let found: FoundId[]
  let extra: Pick<ParsedIds, 'baseUrl' | 'mode' | 'processName'> = {}
  if (url) {
    const rawSegments = url.pathname.split('/')
    const runtime = runtimeIds(rawSegments.filter(Boolean))
    if (runtime) {
      kind = 'runtime-url'
      found = runtime.ids
      const at = url.pathname.indexOf('/api/runtime/')
      extra = {
        baseUrl: `${url.origin}${url.pathname.slice(0, at)}`,
        ...(runtime.mode ? { mode: runtime.mode } : {}),
        ...(runtime.processName ? { processName: runtime.processName } : {})
      }
    } else {
      kind = 'designer-url'
      found = designerIds(url)
    }
  } else {
    found = (text.match(UUIDS) ?? []).map((value) => ({
      value,
      role: 'unknown' as const,
      where: 'in the text'
    }))
  }
  return { kind, fromCurl: curlUrl !== undefined, ...extra, ...summarise(found) }
}

function summarise(ids: FoundId[]): Pick<ParsedIds, 'ids' | 'fields' | 'ambiguous' | 'unlabelled'> {
  const fields: ParsedIds['fields'] = {}
  const ambiguous: ParsedIds['ambiguous'] = []
  for (const field of ['workspaceId', 'appId', 'buildId', 'instanceUuid'] as const) {
    const values = [
      ...new Set(ids.filter((id) => FIELD_OF[id.role] === field).map((id) => id.value))
    ]
    if (values.length === 1) fields[field] = values[0]
    else if (values.length > 1) ambiguous.push({ field, candidates: values })
  }
  const labelled = new Set(ids.filter((id) => id.role !== 'unknown').map((id) => id.value))
  const unlabelled = [
    ...new Set(ids.filter((id) => id.role === 'unknown').map((id) => id.value))
  ].filter((value) => !labelled.has(value))
  return { ids, fields, ambiguous, unlabelled }
}

/** Whether a value is a UUID (FlowX ids normally are). */
export function isUuid(value: string): boolean {
  return UUID.test(value.trim())
}

/** "Where do I find this?" per id field (flowx-api.md §d.4). */
export const ID_TIPS = {
  workspaceId:
    'In the FlowX Designer: Organization Settings → Workspaces → ⋯ → “Copy UUID”. Or paste a Designer link from inside the workspace: its URL holds the workspace id.',
  appId:
    'In the FlowX Designer, open the app (called “project” in 5.x) and use its copy-UUID action (or right-click → “Copy UUID”). Or paste a Designer link from inside the project.',
  buildId:
    'In the app’s runtime / builds area of the Designer, or let the launcher fill it: “Use the active build” asks FlowX for the build the workspace runs now.',
  processName:
    'The process definition’s name as the Designer’s breadcrumb shows it, exactly (brackets and spaces included), e.g. [DOCS]customer_onboarding.',
  instanceUuid:
    'The uuid FlowX returned when the process started (the history keeps it), or copy it from Designer → Runtime → Process instances.',
  organizationId:
    'The ORGANIZATION_ID setting of the deployment, or the organisation part of a Designer URL.'
} as const

export type TipField = keyof typeof ID_TIPS
