/**
 * "Open in Designer": a profile may name its FlowX Designer base URL, and a launched instance is
 * linked to the Designer's process-instance view. FlowX does not publish that route, and it moved
 * between versions (Designer → Runtime → Process instances; 5.x: Projects → project → Runtime →
 * Active process → Process instances, flowx-api.md §a), so the base URL may be a template with
 * `{uuid}`, `{appId}` and `{workspaceId}`; a plain base URL gets `/process-instances/{uuid}`.
 * Pure: used by the renderer to build the link and by core to refuse anything else.
 */

/** Placeholders a Designer URL template may hold. */
export const DESIGNER_PLACEHOLDERS = ['{uuid}', '{appId}', '{workspaceId}'] as const

/** The path a plain Designer base URL gets for an instance. */
export const DEFAULT_INSTANCE_PATH = '/process-instances/{uuid}'

export type DesignerUrlCheck = { ok: true; url: string } | { ok: false; message: string }

/** Check a Designer base URL (or template) as typed; '' means none. Never throws. */
export function validateDesignerUrl(raw: string): DesignerUrlCheck {
  const text = raw.trim()
  if (text === '') return { ok: true, url: '' }
  if (text.length > 2048) return { ok: false, message: 'The Designer URL is too long.' }
  const probe = fillTemplate(text, { uuid: 'u', appId: 'a', workspaceId: 'w' })
  let url: URL
  try {
    url = new URL(probe)
  } catch {
    return { ok: false, message: 'The Designer URL is not a valid URL (https://…).' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'The Designer URL must start with https:// (or http://).' }
  }
  if (url.username || url.password) {
    return { ok: false, message: 'The Designer URL must not contain a user name or password.' }
  }
  const leftover = /\{[^}]*\}/.exec(probe)
  if (leftover) {
    return {
      ok: false,
      message: `Unknown placeholder ${leftover[0]}: use {uuid}, {appId} or {workspaceId}.`
    }
  }
  return { ok: true, url: text.replace(/\/+$/, '') }
}

/** The origin (scheme, host, port) of a Designer URL, or undefined when there is none. */
export function designerOrigin(designerUrl: string | undefined): string | undefined {
  if (!designerUrl) return undefined
  const checked = validateDesignerUrl(designerUrl)
  if (!checked.ok || checked.url === '') return undefined
  return new URL(fillTemplate(checked.url, { uuid: 'u', appId: 'a', workspaceId: 'w' })).origin
}

/** Ids of the instance to open. */
export interface InstanceRef {
  uuid: string
  appId?: string
  workspaceId?: string
}

/**
 * The Designer link of a process instance, or undefined when the profile has no Designer URL, or
 * the template needs an id the launch does not have.
 */
export function instanceLink(
  designerUrl: string | undefined,
  ref: InstanceRef
): string | undefined {
  if (!designerUrl || ref.uuid.trim() === '') return undefined
  const checked = validateDesignerUrl(designerUrl)
  if (!checked.ok || checked.url === '') return undefined
  const template = DESIGNER_PLACEHOLDERS.some((p) => checked.url.includes(p))
    ? checked.url
    : `${checked.url}${DEFAULT_INSTANCE_PATH}`
  if (template.includes('{appId}') && !ref.appId) return undefined
  if (template.includes('{workspaceId}') && !ref.workspaceId) return undefined
  return fillTemplate(template, {
    uuid: ref.uuid,
    appId: ref.appId ?? '',
    workspaceId: ref.workspaceId ?? ''
  })
}

function fillTemplate(
  template: string,
  values: { uuid: string; appId: string; workspaceId: string }
): string {
  return template
    .replaceAll('{uuid}', encodeURIComponent(values.uuid))
    .replaceAll('{appId}', encodeURIComponent(values.appId))
    .replaceAll('{workspaceId}', encodeURIComponent(values.workspaceId))
}

/** Whether `url` may be opened for a profile: http(s) on the profile's Designer origin only. */
export function isDesignerLink(designerUrl: string | undefined, url: string): boolean {
  const origin = designerOrigin(designerUrl)
  if (!origin) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.username || parsed.password) return false
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.origin === origin
}
