/**
 * Reading FlowX's build-info answers: the BuildInfoDTO fields (flowx-api.md §d.3), whether a 404
 * means "no such route" (an older runtime) or "no such entity" (a wrong id), and which id it was.
 */
import type { BuildInfo, BuildSettingsInfo } from '../../shared/domain'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** A JSON object body, or undefined. */
export function parseObject(body: string): Record<string, unknown> | undefined {
  if (!/^\s*\{/.test(body)) return undefined
  try {
    const value: unknown = JSON.parse(body)
    return isRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}

function formatOf(value: unknown): { format?: string } | undefined {
  if (!isRecord(value)) return undefined
  const format = text(value.format)
  return format ? { format } : {}
}

function settingsOf(value: unknown): BuildSettingsInfo | undefined {
  if (!isRecord(value)) return undefined
  const settings: BuildSettingsInfo = {}
  for (const key of [
    'applicationVersionId',
    'platforms',
    'themeId',
    'defaultLanguageCode'
  ] as const) {
    const v = text(value[key])
    if (v !== undefined) settings[key] = v
  }
  const date = formatOf(value.dateDisplayFormat)
  if (date) settings.dateDisplayFormat = date
  const currency = formatOf(value.currencyDisplayFormat)
  if (currency) settings.currencyDisplayFormat = currency
  const number = value.numberDisplayFormat
  if (isRecord(number)) {
    settings.numberDisplayFormat = {
      ...(typeof number.minDecimals === 'number' ? { minDecimals: number.minDecimals } : {}),
      ...(typeof number.maxDecimals === 'number' ? { maxDecimals: number.maxDecimals } : {})
    }
  }
  return settings
}

/** The fields of a BuildInfoDTO; undefined when the body is not one (no id at all). */
export function readBuildInfo(raw: Record<string, unknown>): BuildInfo | undefined {
  const info: BuildInfo = {}
  const workspaceId = text(raw.workspaceId)
  const applicationId = text(raw.applicationId) ?? text(raw.appId)
  const buildId = text(raw.buildId) ?? text(raw.id)
  // Not every version says; some spell it buildStatus.
  const status = text(raw.status) ?? text(raw.buildStatus)
  if (workspaceId) info.workspaceId = workspaceId
  if (applicationId) info.applicationId = applicationId
  if (buildId) info.buildId = buildId
  if (status) info.status = status
  const settings = settingsOf(raw.buildSettings)
  if (settings) info.buildSettings = settings
  return buildId || applicationId || settings ? info : undefined
}

/**
 * A 404 that means the route does not exist (Spring's "Not Found", an HTML or empty body), as
 * opposed to FlowX's "Entity not found." for a wrong id.
 */
export function isRouteNotFound(body: string): boolean {
  const json = parseObject(body)
  if (!json) return true
  if (json.errorKey !== undefined || json.entityName !== undefined) return false
  const title = [json.title, json.error, json.message]
    .map((v) => (typeof v === 'string' ? v.trim() : ''))
    .find((v) => v !== '')
  if (title === undefined) return true
  return /^not found\.?$/i.test(title) || /no (endpoint|handler|static resource)/i.test(title)
}

/** Which id a 404 "entity not found" points at. */
export type WrongId = 'workspace' | 'app' | 'active-build' | 'instance' | 'unknown'

/** What FlowX's words say about the ids of a build-info call. */
export function wrongIdOf(
  said: string,
  ids: { workspaceId?: string; appId?: string; uuid?: string }
): WrongId {
  if (ids.uuid !== undefined) return 'instance'
  if (/no active (build|policy)/i.test(said)) return 'active-build'
  const mentions = (id: string | undefined, word: string): boolean =>
    id !== undefined &&
    id !== '' &&
    new RegExp(`${word}\\w*\\s+${escapeRegExp(id)}\\s+(was\\s+)?not found`, 'i').test(said)
  if (mentions(ids.appId, '(application|app|project)')) return 'app'
  if (mentions(ids.workspaceId, 'workspace')) return 'workspace'
  if (/workspace/i.test(said) && !/application|app\b|project/i.test(said)) return 'workspace'
  if (/application|app\b|project/i.test(said)) return 'app'
  return 'unknown'
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A sentence naming the id FlowX could not find, and what to do about it. */
export function notFoundMessage(
  wrong: WrongId,
  ids: { workspaceId?: string; appId?: string; uuid?: string }
): { message: string; hint: string } {
  const app = ids.appId ?? ''
  const wks = ids.workspaceId ?? ''
  switch (wrong) {
    case 'app':
      return {
        message: wks
          ? `FlowX found no app ${app} in workspace ${wks}: the app id is wrong (or the app is in another workspace).`
          : `FlowX found no app ${app}: the app id is wrong.`,
        hint: 'Copy the app (project) id with "Copy UUID" in the Designer, or paste a Designer link.'
      }
    case 'workspace':
      return {
        message: `FlowX found no workspace ${wks}: the workspace id is wrong.`,
        hint: 'Copy it in Organization Settings → Workspaces → ⋯ → "Copy UUID", or paste a Designer link.'
      }
    case 'active-build':
      return {
        message: `App ${app} has no active build${wks ? ` in workspace ${wks}` : ''}.`,
        hint: 'Set an active policy for the app in the Designer, or start by build with a build id.'
      }
    case 'instance':
      return {
        message: `FlowX found no process instance ${ids.uuid ?? ''} on this environment.`,
        hint: 'Check that the instance was started on this profile’s environment.'
      }
    case 'unknown':
      return {
        message: wks
          ? `FlowX found no active build for app ${app} in workspace ${wks}: the workspace id or the app id is wrong.`
          : `FlowX found no active build for app ${app}: the app id is wrong.`,
        hint: 'Compare both ids with the Designer ("Copy UUID"), or paste a Designer link.'
      }
  }
}
