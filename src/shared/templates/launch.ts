/** Resolving a whole launch: the target's ids and process name, then the payload, in one scope. */
import type { StartMode } from '../domain'
import { TemplateResolver, type ResolvedVariable, type TemplateScope } from './resolve'

/** A launch as written: every field may hold `{{variables}}`. */
export interface LaunchTemplate {
  mode: StartMode
  workspaceId: string
  appId: string
  buildId: string
  processName: string
  payload: string
}

export interface ResolvedLaunch {
  mode: StartMode
  workspaceId: string
  appId: string
  buildId: string
  processName: string
  /** The payload text to send, exactly as resolved (never re-serialised). */
  payload: string
  /** Every variable used, with its value and where it came from, in first-use order. */
  variables: ResolvedVariable[]
  /** Placeholders outside quotes whose value is not a JSON value: sent as strings. */
  sentAsText: string[]
  /** True when any field held a placeholder. */
  templated: boolean
}

const FIELDS = {
  workspaceId: 'the workspace id',
  appId: 'the app id',
  buildId: 'the build id',
  processName: 'the process name'
} as const

/** The fields the mode sends: build ids for 'build', workspace ids for 'workspace'. */
export function targetFields(mode: StartMode): (keyof typeof FIELDS)[] {
  return mode === 'build'
    ? ['appId', 'buildId', 'processName']
    : ['workspaceId', 'appId', 'processName']
}

/** Resolve every field the mode uses; throws TemplateError naming the first problem. */
export function resolveLaunch(
  template: LaunchTemplate,
  scope: TemplateScope,
  resolver = new TemplateResolver(scope)
): ResolvedLaunch {
  const out = { ...template }
  let templated = false
  for (const key of targetFields(template.mode)) {
    if (template[key].includes('{{')) templated = true
    out[key] = resolver.resolve(template[key], { json: false, field: FIELDS[key] }).trim()
  }
  if (template.payload.includes('{{')) templated = true
  out.payload = resolver.resolve(template.payload, { json: true, field: 'the payload' })
  return { ...out, variables: resolver.variables, sentAsText: resolver.sentAsText, templated }
}
