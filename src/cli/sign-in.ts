/**
 * The sign-in of a CLI command and its secrets: from the auth flags (`--issuer`, `--client-id`,
 * `--username`) or a stored profile's own settings, with every secret read from the environment,
 * never from a flag. Checked without touching any file; problems are CliError (exit 2).
 */
import { normalizeIssuer } from '../core/auth/issuer'
import type { StoredProfile } from '../core/profiles/profile-store'
import { SANDBOX_IDS } from '../sandbox/fixture'
import type { ProfileAuth, SecretName } from '../shared/domain'
import { checkBearerToken } from '../shared/launch-rules'
import {
  CLIENT_SECRET_ENV,
  CliError,
  PASSWORD_ENV,
  TOKEN_ENV,
  type CliContext,
  type SecretEnv
} from './context'
import { checkField } from './start-input'

/** The login client FlowX's own apps use for the password grant. */
export const DEFAULT_LOGIN_CLIENT = SANDBOX_IDS.publicClientId

/** The flags that say how to sign in. */
export interface AuthFlags {
  issuer?: string
  clientId?: string
  username?: string
}

/** A sign-in with its secrets, taken from flags and the environment. */
export interface CliAuth {
  auth: ProfileAuth
  secrets: Partial<Record<SecretName, string>>
}

/** The sign-in the auth flags describe, or undefined when none is given. */
export function authFromFlags(ctx: CliContext, flags: AuthFlags): CliAuth | undefined {
  const { issuer: issuerFlag, clientId, username } = flags
  if (issuerFlag === undefined && clientId === undefined && username === undefined) return undefined
  if (issuerFlag === undefined) {
    throw new CliError(
      `Pass --issuer URL with ${username !== undefined ? '--username' : '--client-id'}.`,
      'The issuer is the identity provider realm, like https://kc.example.com/realms/flowx.'
    )
  }
  const issuer = normalizeIssuer(issuerFlag)
  if (!issuer.ok) throw new CliError(`--issuer: ${issuer.message}`)
  const client = clientId === undefined ? undefined : checkClientId(clientId)
  if (username !== undefined) {
    const name = username.trim()
    if (name === '' || name.length > 256) throw new CliError('--username: give the user name.')
    const password = requireSecret(ctx, PASSWORD_ENV, `the password of ${name}`)
    const clientSecret = ctx.secret(CLIENT_SECRET_ENV)
    return {
      auth: {
        mode: 'password',
        issuer: issuer.issuer,
        clientId: client ?? DEFAULT_LOGIN_CLIENT,
        username: name
      },
      secrets: { password, ...(clientSecret ? { clientSecret } : {}) }
    }
  }
  if (client === undefined) {
    throw new CliError(
      'Pass --client-id ID (client credentials) or --username NAME (password grant) with --issuer.'
    )
  }
  const clientSecret = requireSecret(ctx, CLIENT_SECRET_ENV, `the secret of ${client}`)
  return {
    auth: { mode: 'client-credentials', issuer: issuer.issuer, clientId: client },
    secrets: { clientSecret }
  }
}

function checkClientId(value: string): string {
  const id = value.trim()
  const control = [...id].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')
  if (id === '' || id.length > 256 || control || /\s/.test(id)) {
    throw new CliError('--client-id: give the client id, without spaces.')
  }
  return id
}

/** A required secret from the environment; the message names the variable, never a value. */
function requireSecret(ctx: CliContext, name: SecretEnv, what: string, context = ''): string {
  const value = ctx.secret(name)
  if (value === undefined) {
    throw new CliError(
      `${name} is not set${context}.`,
      `Set ${name} to ${what}; the CLI never takes a secret as a flag.`
    )
  }
  return value
}

/** FLOWX_TOKEN, checked like a pasted token. */
export function requireToken(ctx: CliContext, what: string, context = ''): string {
  return checkField(checkBearerToken, requireSecret(ctx, TOKEN_ENV, what, context), TOKEN_ENV)
}

/** A stored profile's own sign-in, its secret from the environment. */
export function profileAuth(ctx: CliContext, profile: StoredProfile): CliAuth {
  const { auth } = profile
  const where = `, and the app's saved secrets can be read only by the app`
  switch (auth.mode) {
    case 'none':
      return { auth, secrets: {} }
    case 'bearer':
      return {
        auth,
        secrets: { token: requireToken(ctx, 'the access token for this environment', where) }
      }
    case 'client-credentials':
      return {
        auth,
        secrets: {
          clientSecret: requireSecret(
            ctx,
            CLIENT_SECRET_ENV,
            `the secret of ${auth.clientId} for “${profile.name}”`,
            where
          )
        }
      }
    case 'password': {
      const password = requireSecret(
        ctx,
        PASSWORD_ENV,
        `the password of ${auth.username} for “${profile.name}”`,
        where
      )
      const clientSecret = ctx.secret(CLIENT_SECRET_ENV)
      return { auth, secrets: { password, ...(clientSecret ? { clientSecret } : {}) } }
    }
  }
}
