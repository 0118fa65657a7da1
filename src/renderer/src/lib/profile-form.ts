/** The profile editor's form state and the input it sends to main (checks: profile-form-check.ts). */
import {
  PROFILE_COLORS,
  type AuthMode,
  type ProfileAuth,
  type ProfileColor,
  type ProfileInput,
  type ProfileProxy,
  type ProfileView,
  type SecretAction,
  type SecretName
} from '@shared/domain'

import { rowsFrom, variablesFrom, type VariableRow } from './template-variables'

/** The client FlowX's own login uses for the password grant; test users authenticate against it. */
export const DEFAULT_PASSWORD_CLIENT_ID = 'flowx-platform-authenticate'

/** How the profile gets its token, as edited (fields of other modes are kept while switching). */
export interface AuthFormState {
  mode: AuthMode
  issuer: string
  clientId: string
  username: string
}

/** Certificates and proxy, as edited. */
export interface ConnectionFormState {
  customCa: string
  allowUntrusted: boolean
  proxyMode: ProfileProxy['mode']
  proxyUrl: string
  proxyUsername: string
}

export interface ProfileFormState {
  id?: string
  name: string
  color: ProfileColor
  baseUrl: string
  platform: string
  workspaceId: string
  appId: string
  buildId: string
  /** The built-in Local sandbox: base URL and credentials are managed by the app. */
  localSandbox: boolean
  /** Production: framed window and a typed confirmation before every start. */
  protected: boolean
  auth: AuthFormState
  connection: ConnectionFormState
  /** `{{name}}` values for this environment, as edited rows. */
  variables: VariableRow[]
}

/** What to do with one stored secret on save. Never holds a stored value, only a newly typed one. */
export type SecretEdit = SecretAction
export type SecretEdits = Record<SecretName, SecretEdit>

export type ProfileField =
  | 'name'
  | 'color'
  | 'baseUrl'
  | 'platform'
  | 'workspaceId'
  | 'appId'
  | 'buildId'
  | 'issuer'
  | 'clientId'
  | 'username'
  | 'customCa'
  | 'proxyUrl'
  | 'proxyUsername'
  | 'variables'
  | SecretName

/** Nothing changes: every secret is kept. */
export function keepSecrets(): SecretEdits {
  return {
    token: { action: 'keep' },
    clientSecret: { action: 'keep' },
    password: { action: 'keep' },
    proxyPassword: { action: 'keep' }
  }
}

/** The secrets the chosen auth and proxy settings use; edits to the others are not sent. */
export function secretsInUse(form: ProfileFormState): SecretName[] {
  const used: SecretName[] = []
  if (form.auth.mode === 'bearer') used.push('token')
  if (form.auth.mode === 'client-credentials') used.push('clientSecret')
  if (form.auth.mode === 'password') used.push('password')
  if (form.connection.proxyMode === 'manual') used.push('proxyPassword')
  return used
}

function authFormFrom(auth: ProfileAuth): AuthFormState {
  return {
    mode: auth.mode,
    issuer: 'issuer' in auth ? auth.issuer : '',
    clientId: 'clientId' in auth ? auth.clientId : '',
    username: 'username' in auth ? auth.username : ''
  }
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
    protected: profile.protected,
    auth: authFormFrom(profile.auth),
    connection: {
      customCa: profile.tls.customCa,
      allowUntrusted: profile.tls.allowUntrusted,
      proxyMode: profile.proxy.mode,
      proxyUrl: profile.proxy.mode === 'manual' ? profile.proxy.url : '',
      proxyUsername: profile.proxy.mode === 'manual' ? profile.proxy.username : ''
    },
    variables: rowsFrom(profile.variables)
  }
}

/** A fresh profile, with a name and colour not used yet; it starts with a pasted token. */
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
    protected: false,
    auth: { mode: 'bearer', issuer: '', clientId: '', username: '' },
    connection: {
      customCa: '',
      allowUntrusted: false,
      proxyMode: 'system',
      proxyUrl: '',
      proxyUsername: ''
    },
    variables: []
  }
}

/** A deep copy, so the loaded state stays apart from the edited one. */
export function cloneProfileForm(form: ProfileFormState): ProfileFormState {
  return {
    ...form,
    auth: { ...form.auth },
    connection: { ...form.connection },
    variables: form.variables.map((row) => ({ ...row }))
  }
}

function toAuth(auth: AuthFormState): ProfileAuth {
  const issuer = auth.issuer.trim()
  const clientId = auth.clientId.trim()
  switch (auth.mode) {
    case 'none':
    case 'bearer':
      return { mode: auth.mode }
    case 'client-credentials':
      return { mode: 'client-credentials', issuer, clientId }
    case 'password':
      return { mode: 'password', issuer, clientId, username: auth.username.trim() }
  }
}

function toProxy(c: ConnectionFormState): ProfileProxy {
  return c.proxyMode === 'manual'
    ? { mode: 'manual', url: c.proxyUrl.trim(), username: c.proxyUsername.trim() }
    : { mode: c.proxyMode }
}

/**
 * The input for profiles:save. Only secrets the user typed or cleared, and only those the chosen
 * settings use, go into `secrets`; the Local sandbox's credentials are the app's own.
 */
export function toProfileInput(form: ProfileFormState, secrets: SecretEdits): ProfileInput {
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
    protected: form.protected && !form.localSandbox,
    variables: variablesFrom(form.variables)
  }
  if (form.id) input.id = form.id
  if (form.localSandbox) return input
  input.auth = toAuth(form.auth)
  input.tls = {
    customCa: form.connection.customCa.trim() ? form.connection.customCa : '',
    allowUntrusted: form.connection.allowUntrusted
  }
  input.proxy = toProxy(form.connection)
  const changes: ProfileInput['secrets'] = {}
  for (const name of secretsInUse(form)) {
    const edit = secrets[name]
    if (edit.action === 'set') changes[name] = { action: 'set', value: edit.value }
    else if (edit.action === 'clear') changes[name] = { action: 'clear' }
  }
  if (Object.keys(changes).length) input.secrets = changes
  return input
}
