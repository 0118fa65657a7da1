/** `flowx-launcher profiles`: the stored profiles, never a token value. */
import type { ProfileView } from '../../shared/domain'
import { TOKEN_ENV, type CliContext } from '../context'
import { EXIT, type ExitCode } from '../exit-codes'
import { clean, fields } from '../output'

/** The flags of `profiles`, as commander hands them over. */
export interface ProfilesFlags {
  json?: boolean
  dataDir?: string
}

/** Run `profiles`. */
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

/** What `--json` prints per profile: the view the app's renderer gets, token as set / not set. */
export function profileJson(profile: ProfileView): Record<string, unknown> {
  return {
    id: profile.id,
    name: profile.name,
    baseUrl: profile.baseUrl,
    platform: profile.platform,
    defaults: profile.defaults,
    localSandbox: profile.localSandbox,
    token: { set: profile.localSandbox || profile.token.set, storage: profile.token.storage }
  }
}

/** One block per profile. */
export function profileLines(profiles: ProfileView[]): string[] {
  if (profiles.length === 0) return ['No profiles yet.']
  const lines: string[] = []
  for (const profile of profiles) {
    if (lines.length > 0) lines.push('')
    lines.push(`${clean(profile.name)}${profile.localSandbox ? '  (built-in local sandbox)' : ''}`)
    lines.push(
      ...fields([
        ['Base URL', profile.baseUrl],
        ['Platform', profile.platform],
        ['Workspace', profile.defaults.workspaceId || '-'],
        ['App', profile.defaults.appId || '-'],
        ['Build', profile.defaults.buildId || '-'],
        ['Token', tokenState(profile)]
      ])
    )
  }
  return lines
}

function tokenState(profile: ProfileView): string {
  if (profile.localSandbox) return 'set (the sandbox demo token)'
  if (!profile.token.set) return `not set (use ${TOKEN_ENV})`
  // Saved by the app through the OS keychain: the CLI cannot decrypt it.
  return `set in the app (use ${TOKEN_ENV} here)`
}
