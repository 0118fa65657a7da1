/** Checking the profile editor's form: the schema main uses, URL rules and name clashes. */
import { SECRET_NAMES, type ProfileView, type SecretName } from '@shared/domain'
import { ProfileInputSchema } from '@shared/schemas'
import { baseUrlNotes, validateBaseUrl } from '@shared/url'

import {
  toProfileInput,
  type AuthFormState,
  type ProfileField,
  type ProfileFormState,
  type SecretEdits
} from './profile-form'
import { rowErrors } from './template-variables'

export interface ProfileFormCheck {
  errors: Partial<Record<ProfileField, string>>
  /** Advice about the base URL that does not block saving (http, missing /rtm…). */
  baseUrlNotes: string[]
  valid: boolean
}

const TOP_FIELDS = ['name', 'color', 'baseUrl', 'platform', 'variables'] as const
const NESTED_FIELDS: Record<string, ProfileField> = {
  'defaults.workspaceId': 'workspaceId',
  'defaults.appId': 'appId',
  'defaults.buildId': 'buildId',
  'auth.issuer': 'issuer',
  'auth.clientId': 'clientId',
  'auth.username': 'username',
  'tls.customCa': 'customCa',
  'proxy.url': 'proxyUrl',
  'proxy.username': 'proxyUsername'
}

/** The form field a schema issue belongs to. */
function fieldOfPath(path: readonly PropertyKey[]): ProfileField | undefined {
  const [head, second] = path.map(String)
  if ((TOP_FIELDS as readonly string[]).includes(head ?? '')) return head as ProfileField
  if (head === 'secrets' && (SECRET_NAMES as readonly string[]).includes(second ?? ''))
    return second as SecretName
  return NESTED_FIELDS[`${head}.${second}`]
}

/** An issuer or proxy address: http(s) and parseable. Core checks the finer rules. */
function urlProblem(text: string, what: string): string | undefined {
  const value = text.trim()
  if (!value) return undefined
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return `The ${what} starts with https:// (or http://).`
    return undefined
  } catch {
    return `The ${what} is not a valid URL.`
  }
}

/** Check the form with the same schema main uses, plus the URL rules and name clashes. */
export function checkProfileForm(
  form: ProfileFormState,
  secrets: SecretEdits,
  others: readonly ProfileView[]
): ProfileFormCheck {
  const errors: Partial<Record<ProfileField, string>> = {}
  const parsed = ProfileInputSchema.safeParse(toProfileInput(form, secrets))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path)
      if (field && !errors[field]) errors[field] = issue.message
    }
  }

  let notes: string[] = []
  if (!form.localSandbox) {
    const checked = validateBaseUrl(form.baseUrl.trim())
    if (!checked.ok) errors.baseUrl = errors.baseUrl ?? checked.message
    else notes = baseUrlNotes(checked.url)
    if (form.auth.mode === 'client-credentials' || form.auth.mode === 'password') {
      const issuer = urlProblem(form.auth.issuer, 'issuer URL')
      if (issuer) errors.issuer = errors.issuer ?? issuer
    }
    if (form.connection.proxyMode === 'manual') {
      const proxy = urlProblem(form.connection.proxyUrl, 'proxy URL')
      if (proxy) errors.proxyUrl = errors.proxyUrl ?? proxy
    }
  }

  const variableProblem = Object.values(rowErrors(form.variables))[0]
  if (variableProblem) errors.variables = variableProblem

  const name = form.name.trim().toLowerCase()
  if (name && others.some((p) => p.id !== form.id && p.name.trim().toLowerCase() === name)) {
    errors.name = 'Another profile already has this name.'
  }
  return { errors, baseUrlNotes: notes, valid: Object.keys(errors).length === 0 }
}

const SECRET_FIELDS: readonly ProfileField[] = SECRET_NAMES

/** The edited value behind a field, to tell whether the user has touched it. */
function valueOf(state: ProfileFormState, field: ProfileField): unknown {
  if (field in state) return state[field as keyof ProfileFormState]
  if (field in state.auth) return state.auth[field as keyof AuthFormState]
  if (field === 'customCa') return state.connection.customCa
  if (field === 'proxyUrl') return state.connection.proxyUrl
  if (field === 'proxyUsername') return state.connection.proxyUsername
  return undefined
}

/**
 * The errors to show now: a field's error appears once it differs from what was loaded, or after
 * a save attempt; a secret's as soon as it is typed.
 */
export function visibleErrors(
  check: ProfileFormCheck,
  form: ProfileFormState,
  original: ProfileFormState,
  attempted: boolean
): Partial<Record<ProfileField, string>> {
  const shown: Partial<Record<ProfileField, string>> = {}
  for (const [field, message] of Object.entries(check.errors) as [ProfileField, string][]) {
    if (
      attempted ||
      SECRET_FIELDS.includes(field) ||
      valueOf(form, field) !== valueOf(original, field)
    )
      shown[field] = message
  }
  return shown
}
