/**
 * `flowx-launcher profiles`: list the stored profiles, export them to a file and import one.
 * Never a secret value: each secret shows as set / not set, and an export carries placeholders.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { secretsUsed } from '../../shared/secrets-used'
import {
  exportProfiles,
  importProfiles,
  parseProfileFile
} from '../../core/profiles/profile-transfer'
import type { ProfileView, SecretName } from '../../shared/domain'
import {
  CLIENT_SECRET_ENV,
  CliError,
  PASSWORD_ENV,
  PROXY_PASSWORD_ENV,
  TOKEN_ENV,
  type CliContext
} from '../context'
import { EXIT, type ExitCode } from '../exit-codes'
import { clean, fields } from '../output'

/** The flags of `profiles` (list), as commander hands them over. */
export interface ProfilesFlags {
  json?: boolean
  dataDir?: string
}

/** The flags of `profiles export`. */
export interface ExportFlags {
  out?: string
  profile?: string[]
  dataDir?: string
}

/** The flags of `profiles import`. */
export interface ImportFlags {
  dataDir?: string
}

/** Row labels; the redactor would mask "bearer token" as if a token followed. */
const SECRET_ROWS: Record<SecretName, string> = {
  token: 'Token',
  clientSecret: 'Client secret',
  password: 'Password',
  proxyPassword: 'Proxy password'
}

/** Where the CLI takes each secret from. */
const SECRET_ENV: Partial<Record<SecretName, string>> = {
  token: TOKEN_ENV,
  clientSecret: CLIENT_SECRET_ENV,
  password: PASSWORD_ENV,
  proxyPassword: PROXY_PASSWORD_ENV
}

/** Run `profiles` (list). */
export async function runProfiles(ctx: CliContext, flags: ProfilesFlags): Promise<ExitCode> {
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    const profiles = core.profiles.list()
    if (flags.json) {
      for (const profile of profiles) ctx.out.json(profileJson(profile))
    } else {
      ctx.out.out(...profileLines(profiles))
    }
    return EXIT.STARTED
  } finally {
    await core.close()
  }
}

/** Run `profiles export`: the file on stdout or --out, the secrets to enter on stderr. */
export async function runExport(ctx: CliContext, flags: ExportFlags): Promise<ExitCode> {
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    const ids = (flags.profile ?? []).map((name) => {
      const found = core.profiles.findByName(name)
      if (!found) {
        throw new CliError(
          `No profile named “${name}”.`,
          'Run `flowx-launcher profiles` to list them.'
        )
      }
      return found.id
    })
    const file = exportProfiles(core.profiles, [...new Set(ids)])
    const text = `${JSON.stringify(file, null, 2)}\n`
    if (flags.out === undefined) {
      ctx.out.plain('stdout', text)
    } else {
      const path = resolve(ctx.cwd, flags.out)
      try {
        writeFileSync(path, text)
      } catch (error) {
        throw new CliError(
          `Could not write ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`
        )
      }
      const count = file.profiles.length
      ctx.out.err(`Exported ${count} profile${count === 1 ? '' : 's'} to ${path}.`)
    }
    ctx.out.err(...secretsLines(file.secretsRequired, 'Whoever imports it enters these secrets:'))
    return EXIT.STARTED
  } finally {
    await core.close()
  }
}

/** Run `profiles import FILE`: add the profiles, list the secrets still to enter. */
export async function runImport(
  ctx: CliContext,
  path: string,
  flags: ImportFlags
): Promise<ExitCode> {
  const absolute = resolve(ctx.cwd, path)
  let text: string
  try {
    text = readFileSync(absolute, 'utf8')
  } catch (error) {
    throw new CliError(
      `Could not read ${absolute}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`
    )
  }
  const file = parseProfileFile(text.replace(/^\ufeff/, ''))
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    const { imported, secretsRequired } = await importProfiles(core.profiles, file)
    ctx.out.out(...imported.map((profile) => `Imported “${clean(profile.name)}”.`))
    if (imported.length === 0) ctx.out.out('The file holds no profiles.')
    ctx.out.err(
      ...secretsLines(
        secretsRequired,
        'Enter these secrets in the app, or set them in the environment for the CLI:'
      )
    )
    return EXIT.STARTED
  } finally {
    await core.close()
  }
}

function secretsLines(required: string[], heading: string): string[] {
  if (required.length === 0) return ['No secrets to enter.']
  return [heading, ...required.map((line) => `  ${clean(line)}`)]
}

/** The secrets a profile's settings use, in a fixed order; none for the Local sandbox. */
function usedSecrets(profile: ProfileView): SecretName[] {
  if (profile.localSandbox) return []
  const used = secretsUsed(profile.auth, profile.proxy)
  return (['token', 'clientSecret', 'password', 'proxyPassword'] as const).filter((name) =>
    used.has(name)
  )
}

/** What `--json` prints per profile: settings and, per secret used, set / not set. */
export function profileJson(profile: ProfileView): Record<string, unknown> {
  return {
    id: profile.id,
    name: profile.name,
    baseUrl: profile.baseUrl,
    platform: profile.platform,
    defaults: profile.defaults,
    localSandbox: profile.localSandbox,
    protected: profile.protected,
    auth: profile.localSandbox ? { mode: 'managed-by-app' } : profile.auth,
    secrets: Object.fromEntries(
      usedSecrets(profile).map((name) => [
        name,
        { set: profile.secrets[name].set, storage: profile.secrets[name].storage }
      ])
    )
  }
}

/** One block per profile. */
export function profileLines(profiles: ProfileView[]): string[] {
  if (profiles.length === 0) return ['No profiles yet.']
  const lines: string[] = []
  for (const profile of profiles) {
    if (lines.length > 0) lines.push('')
    const marks = [
      profile.localSandbox ? '(built-in local sandbox)' : '',
      profile.protected ? '(protected)' : ''
    ].filter(Boolean)
    lines.push([clean(profile.name), ...marks].join('  '))
    lines.push(
      ...fields([
        ['Base URL', profile.baseUrl],
        ['Platform', profile.platform],
        ['Workspace', profile.defaults.workspaceId || '-'],
        ['App', profile.defaults.appId || '-'],
        ['Build', profile.defaults.buildId || '-'],
        ['Auth', authText(profile)],
        ...usedSecrets(profile).map((name): [string, string] => [
          SECRET_ROWS[name],
          secretText(profile, name)
        ])
      ])
    )
  }
  return lines
}

/** The sign-in a profile uses, in words; identifiers only, never a secret. */
export function authText(profile: Pick<ProfileView, 'auth' | 'localSandbox'>): string {
  if (profile.localSandbox) return 'managed by the app'
  const { auth } = profile
  switch (auth.mode) {
    case 'none':
      return 'none (no token sent)'
    case 'bearer':
      return 'pasted token'
    case 'client-credentials':
      return `client credentials (${auth.clientId} @ ${auth.issuer})`
    case 'password':
      return `password grant (${auth.username}, client ${auth.clientId} @ ${auth.issuer})`
  }
}

function secretText(profile: ProfileView, name: SecretName): string {
  const env = SECRET_ENV[name]
  const optional = profile.auth.mode === 'password' && name === 'clientSecret'
  if (!profile.secrets[name].set) {
    const use = env ? `; use ${env}` : ''
    return optional ? `not set (optional${use})` : `not set${env ? ` (use ${env})` : ''}`
  }
  // Saved by the app through the OS keychain: the CLI cannot decrypt it.
  return env ? `set in the app (use ${env} here)` : 'set in the app (not usable here)'
}
