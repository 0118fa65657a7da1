/** The launch form's pure rules: defaults, the target it builds, and inline validation. */
import type { LaunchDraft, ProfileView, StartTarget } from '@shared/domain'
import type { AppError } from '@shared/errors'
import { parsePayload } from '@shared/payload'
import { flowxIdIssue, processNameIssue } from '@shared/limits'
import { processNameWarnings, startTargetProblem } from '@shared/url'

import { inspectTemplate, type LintScope } from './template-lint'

export type LaunchField = 'workspaceId' | 'appId' | 'buildId' | 'processName' | 'payload'

export const DEFAULT_PAYLOAD = '{\n  \n}'

/** The message for an empty required field; the form shows it only once the field was touched. */
export const REQUIRED = 'Required.'

/** How each field is named in sentences ("Fill in the process name to send."). */
export const FIELD_NAMES: Record<LaunchField, string> = {
  workspaceId: 'workspace ID',
  appId: 'app ID',
  buildId: 'build ID',
  processName: 'process name',
  payload: 'payload'
}

/** A blank form, used before any profile is known. */
export function emptyDraft(): LaunchDraft {
  return {
    mode: 'workspace',
    workspaceId: '',
    appId: '',
    buildId: '',
    processName: '',
    payload: DEFAULT_PAYLOAD
  }
}

/**
 * The form for a profile: its saved draft if there is one, else the profile defaults. Empty ids in
 * a draft are filled from the defaults, so a default added later still shows up.
 */
export function draftForProfile(
  profile: ProfileView | undefined,
  saved: LaunchDraft | null | undefined
): LaunchDraft {
  const defaults = profile?.defaults ?? { workspaceId: '', appId: '', buildId: '' }
  const base = saved ?? {
    ...emptyDraft(),
    // A profile that only knows a build id is most likely used by build.
    mode: defaults.buildId && !defaults.workspaceId ? 'build' : 'workspace'
  }
  return {
    mode: base.mode,
    workspaceId: base.workspaceId || defaults.workspaceId,
    appId: base.appId || defaults.appId,
    buildId: base.buildId || defaults.buildId,
    processName: base.processName,
    payload: base.payload
  }
}

/** The start target the form describes (ids trimmed; the mode decides which ids are used). */
export function targetOf(form: LaunchDraft): StartTarget {
  const appId = form.appId.trim()
  const processName = form.processName.trim()
  return form.mode === 'build'
    ? { mode: 'build', appId, buildId: form.buildId.trim(), processName }
    : { mode: 'workspace', workspaceId: form.workspaceId.trim(), appId, processName }
}

/** The inline message for one FlowX id field, or undefined when it is fine. */
export function idProblem(value: string): string | undefined {
  if (value.trim() === '') return REQUIRED
  return flowxIdIssue(value)
}

/** The inline message for the process name, or undefined when it is fine. */
export function processNameProblem(value: string): string | undefined {
  const issue = processNameIssue(value)
  if (!issue) return undefined
  return value.trim() === '' ? REQUIRED : issue
}

export interface LaunchFormCheck {
  errors: Partial<Record<LaunchField, string>>
  /** Things that may make FlowX refuse the name, shown but not blocking. */
  processWarnings: string[]
  /** Parsed payload size, when it parsed. */
  payloadBytes?: number
  payloadError?: AppError
  valid: boolean
}

/** A field holding `{{…}}`: its value is known at send time, only its placeholders are checked. */
function templatedProblem(value: string, scope: LintScope): string | undefined {
  return inspectTemplate(value, scope, false).issues[0]?.message
}

/** Check the whole form as the user sees it; `scope` gives the variables `{{…}}` resolve to. */
export function checkLaunchForm(form: LaunchDraft, scope: LintScope = {}): LaunchFormCheck {
  const errors: Partial<Record<LaunchField, string>> = {}
  const ids: LaunchField[] = form.mode === 'build' ? ['appId', 'buildId'] : ['workspaceId', 'appId']
  const templated = new Set<LaunchField>()
  for (const field of [...ids, 'processName'] as const) {
    if (form[field as 'appId'].includes('{{')) templated.add(field)
  }
  for (const field of ids) {
    const value = form[field as 'appId']
    const problem = templated.has(field) ? templatedProblem(value, scope) : idProblem(value)
    if (problem) errors[field] = problem
  }
  const nameProblem = templated.has('processName')
    ? templatedProblem(form.processName, scope)
    : processNameProblem(form.processName)
  if (nameProblem) errors.processName = nameProblem

  // ".", ".." and broken Unicode pass the id pattern but would change the URL path: probe each
  // field on its own so the message lands under the right one.
  for (const field of [...ids, 'processName'] as const) {
    if (errors[field] || templated.has(field)) continue
    const probe = { ...form, workspaceId: 'x', appId: 'x', buildId: 'x', processName: 'x' }
    probe[field] = form[field].trim()
    const problem = startTargetProblem(targetOf(probe))
    if (problem) errors[field] = problem
  }

  const processWarnings =
    form.processName.trim() && !templated.has('processName')
      ? processNameWarnings(form.processName.trim())
      : []
  if (form.payload.includes('{{')) {
    const issue = inspectTemplate(form.payload, scope).issues[0]
    if (issue) errors.payload = issue.message
    return { errors, processWarnings, valid: Object.keys(errors).length === 0 }
  }
  const payload = parsePayload(form.payload)
  if (!payload.ok) errors.payload = payload.error.message
  return {
    errors,
    processWarnings,
    payloadBytes: payload.ok ? payload.bytes : undefined,
    payloadError: payload.ok ? undefined : payload.error,
    valid: Object.keys(errors).length === 0
  }
}
