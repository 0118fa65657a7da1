/**
 * Turning what the user wrote (form or saved launch, with `{{variables}}`) into what is sent to
 * one profile: resolved ids and payload, the URL, and every value with where it came from. Shared
 * by the preview, launch:start, cURL of the form, replays and the CLI.
 */
import type { LaunchContext, StartTarget } from '../../shared/domain'
import { parsePayload } from '../../shared/payload'
import { StartTargetSchema } from '../../shared/schemas'
import {
  promptLabels,
  resolveLaunch,
  TemplateError,
  TemplateResolver,
  type BuiltinSource,
  type ResolvedVariable
} from '../../shared/templates'
import { buildStartPath, startTargetProblem } from '../../shared/url'
import type { SavedTarget, TemplatePreview, TemplateProblem } from '../../shared/workbench'
import type { Library } from '../library/library'
import type { StoredProfile } from '../profiles/profile-store'

export interface LaunchInputs {
  target: Partial<SavedTarget> & Pick<SavedTarget, 'mode' | 'appId' | 'processName'>
  payload: string
  /** A saved launch whose defaults apply (and whose name the ledger records). */
  savedLaunchId?: string
  /** Defaults as edited, instead of the saved file's. */
  defaults?: Record<string, string>
  overrides?: Record<string, string>
  /** The row of a batch run. */
  batchRow?: Record<string, string>
  prompts?: Record<string, string>
  builtins?: BuiltinSource
}

export interface PreparedLaunch {
  preview: TemplatePreview
  /** The target to send; absent when there is a problem. */
  target?: StartTarget
  /** Template, values and saved-launch name for the ledger. */
  context: LaunchContext
  /** Every value, with its source. */
  variables: ResolvedVariable[]
}

/** A form target with every field present ('' for those the mode does not use). */
export function fullTarget(target: LaunchInputs['target']): SavedTarget {
  return {
    mode: target.mode,
    workspaceId: target.workspaceId ?? '',
    appId: target.appId,
    buildId: target.buildId ?? '',
    processName: target.processName
  }
}

/** The StartTarget of resolved fields. */
export function startTargetOf(t: SavedTarget): StartTarget {
  return t.mode === 'build'
    ? { mode: 'build', appId: t.appId, buildId: t.buildId, processName: t.processName }
    : { mode: 'workspace', workspaceId: t.workspaceId, appId: t.appId, processName: t.processName }
}

const FIELD_NAMES: Record<string, string> = {
  workspaceId: 'workspace id',
  appId: 'app id',
  buildId: 'build id',
  processName: 'process name'
}

/** Why the resolved target cannot be sent; the value itself is not repeated. */
function targetProblem(target: SavedTarget): string | undefined {
  const parsed = StartTargetSchema.safeParse(startTargetOf(target))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = FIELD_NAMES[String(issue?.path[0])] ?? 'target'
    return `The ${field} cannot be sent: ${issue?.message ?? 'it is not valid.'}`
  }
  return startTargetProblem(parsed.data)
}

/** Resolve a launch against a profile. Never throws for a template problem: it is in `preview.problem`. */
export async function prepareLaunch(
  deps: { library?: Library },
  profile: StoredProfile,
  input: LaunchInputs
): Promise<PreparedLaunch> {
  const target = fullTarget(input.target)
  let defaults = input.defaults
  let savedLaunch: string | undefined
  if (input.savedLaunchId && deps.library) {
    const doc = await deps.library.get(input.savedLaunchId)
    defaults ??= doc.launch.variables
    savedLaunch = doc.launch.name
  }
  const resolver = new TemplateResolver({
    overrides: input.overrides,
    batchRow: input.batchRow,
    savedDefaults: defaults,
    profileVariables: profile.variables,
    profileDefaults: profile.defaults,
    prompts: input.prompts,
    builtins: input.builtins
  })
  const prompts = promptLabels([
    ...Object.values(target).map((text) => ({ text, json: false })),
    { text: input.payload, json: true }
  ])
  let problem: TemplateProblem | undefined
  let resolved = { ...target, payload: input.payload }
  let templated = false
  try {
    const r = resolveLaunch({ ...target, payload: input.payload }, {}, resolver)
    resolved = r
    templated = r.templated
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    problem = {
      kind: error.kind,
      message: error.message,
      ...(error.variable ? { variable: error.variable } : {}),
      ...(error.offset !== undefined && error.field === 'the payload'
        ? { offset: error.offset }
        : {}),
      prompts: error.prompts
    }
  }
  const resolvedTarget: SavedTarget = {
    mode: target.mode,
    workspaceId: resolved.workspaceId,
    appId: resolved.appId,
    buildId: resolved.buildId,
    processName: resolved.processName
  }
  if (!problem) {
    const bad = targetProblem(resolvedTarget)
    if (bad) problem = { kind: 'target', message: bad, prompts: [] }
  }
  if (!problem) {
    const payload = parsePayload(resolved.payload)
    if (!payload.ok) {
      problem = {
        kind: 'payload',
        message: templated
          ? `Once resolved, ${lowerFirst(payload.error.message)}`
          : payload.error.message,
        prompts: []
      }
    }
  }
  const variables = resolver.variables
  const url = safeUrl(profile.baseUrl, resolvedTarget)
  const values = resolver.values()
  const context: LaunchContext = {
    ...(templated ? { template: input.payload } : {}),
    ...(variables.length > 0 ? { variables: values } : {}),
    ...(savedLaunch ? { savedLaunch } : {})
  }
  return {
    preview: {
      profileId: profile.id,
      url,
      target: resolvedTarget,
      payload: resolved.payload,
      variables: variables.map((v) => ({ name: v.name, value: v.value, source: v.source })),
      prompts,
      ...(problem ? { problem } : {})
    },
    ...(problem ? {} : { target: startTargetOf(resolvedTarget) }),
    context,
    variables
  }
}

function lowerFirst(text: string): string {
  return text.length > 0 ? `${text[0].toLowerCase()}${text.slice(1)}` : text
}

/** The URL as far as it can be built (placeholders that failed stay as written). */
function safeUrl(baseUrl: string, target: SavedTarget): string {
  try {
    return `${baseUrl.replace(/\/+$/, '')}${buildStartPath(startTargetOf(target))}`
  } catch {
    return baseUrl
  }
}
