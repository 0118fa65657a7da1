/** The profile editor's pure rules: form state, validation and the input sent to main. */
import {
  PROFILE_COLORS,
  type ProfileColor,
  type ProfileInput,
  type ProfileView
} from '@shared/domain'
import { ProfileInputSchema } from '@shared/schemas'
import { baseUrlNotes, validateBaseUrl } from '@shared/url'

export interface ProfileFormState {
  id?: string
  name: string
  color: ProfileColor
  baseUrl: string
  platform: string
  workspaceId: string
  appId: string
  buildId: string
  /** The built-in Local sandbox: base URL and token are managed by the app. */
  localSandbox: boolean
  /** Production: framed window and a typed confirmation before every start. */
  protected: boolean
}

/** What to do with the stored bearer token on save. Never holds a stored value, only a new one. */
export type TokenEdit = { action: 'keep' } | { action: 'clear' } | { action: 'set'; value: string }

export type ProfileField =
  'name' | 'color' | 'baseUrl' | 'platform' | 'workspaceId' | 'appId' | 'buildId' | 'token'

export interface ProfileFormCheck {
  errors: Partial<Record<ProfileField, string>>
  /** Advice about the base URL that does not block saving (http, missing /rtm…). */
  baseUrlNotes: string[]
  valid: boolean
}

/** Editable copy of a stored profile. */
export function profileFormFrom(profile: ProfileView): ProfileFormState {
  return {
    id: profile.id,
    name: profile.name,
    color: profile.color,
    baseUrl: profile.baseUrl,
    platform: profile.platform,
    workspaceId: profile.defaults.workspaceId,
    appId: profile.defaults.appId,
    buildId: profile.defaults.buildId,
    localSandbox: profile.localSandbox,
    protected: profile.protected
  }
}

/** A fresh profile, with a name and colour not used yet. */
export function blankProfileForm(existing: readonly ProfileView[]): ProfileFormState {
  const names = new Set(existing.map((p) => p.name.toLowerCase()))
  let name = 'New environment'
  for (let n = 2; names.has(name.toLowerCase()); n++) name = `New environment ${n}`
  const used = new Set(existing.map((p) => p.color))
  const color = PROFILE_COLORS.find((c) => !used.has(c) && c !== 'slate') ?? 'blue'
  return {
    name,
    color,
    baseUrl: '',
    platform: 'web',
    workspaceId: '',
    appId: '',
    buildId: '',
    localSandbox: false,
    protected: false
  }
}

/** The input for profiles:save. */
export function toProfileInput(form: ProfileFormState, token: TokenEdit): ProfileInput {
  const input: ProfileInput = {
    name: form.name.trim(),
    color: form.color,
    baseUrl: form.baseUrl.trim(),
    platform: form.platform.trim(),
    defaults: {
      workspaceId: form.workspaceId.trim(),
      appId: form.appId.trim(),
      buildId: form.buildId.trim()
    },
    protected: form.protected && !form.localSandbox
  }
  if (form.id) input.id = form.id
  if (!form.localSandbox)
    input.token = token.action === 'set' ? { action: 'set', value: token.value } : token
  return input
}

const FIELD_OF_PATH: Record<string, ProfileField> = {
  name: 'name',
  color: 'color',
  baseUrl: 'baseUrl',
  platform: 'platform',
  workspaceId: 'workspaceId',
  appId: 'appId',
  buildId: 'buildId',
  token: 'token',
  value: 'token'
}

/** Check the form with the same schema main uses, plus the base URL rules and name clashes. */
export function checkProfileForm(
  form: ProfileFormState,
  token: TokenEdit,
  others: readonly ProfileView[]
): ProfileFormCheck {
  const errors: Partial<Record<ProfileField, string>> = {}
  const parsed = ProfileInputSchema.safeParse(toProfileInput(form, token))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = [...issue.path].reverse().find((p) => typeof p === 'string' && p in FIELD_OF_PATH)
      const field = typeof key === 'string' ? FIELD_OF_PATH[key] : undefined
      if (field && !errors[field]) errors[field] = issue.message
    }
  }

  let notes: string[] = []
  if (!form.localSandbox) {
    const checked = validateBaseUrl(form.baseUrl.trim())
    if (!checked.ok) errors.baseUrl = errors.baseUrl ?? checked.message
    else notes = baseUrlNotes(checked.url)
  }

  const name = form.name.trim().toLowerCase()
  if (name && others.some((p) => p.id !== form.id && p.name.trim().toLowerCase() === name)) {
    errors.name = 'Another profile already has this name.'
  }
  return { errors, baseUrlNotes: notes, valid: Object.keys(errors).length === 0 }
}
