/** `flowx-launcher curl ID`: the cURL command of a launch of the history. */
import { findLaunch } from '../../core/replay/replay'
import { curlCommand } from '../../shared/curl/generate'
import { AppFailure } from '../../shared/errors'
import type { CurlMode } from '../../shared/workbench'
import { resolveConnection } from '../connection'
import { CliError, type CliContext } from '../context'
import { EXIT, type ExitCode } from '../exit-codes'

export interface CurlFlags {
  mode?: string
  /** Resolved mode: the user's explicit yes to a command holding the real token. */
  yes?: boolean
  confirm?: string
  dataDir?: string
}

const MODES: readonly CurlMode[] = ['placeholders', 'redacted', 'resolved']

export async function runCurl(ctx: CliContext, id: string, flags: CurlFlags): Promise<ExitCode> {
  const mode = (flags.mode ?? 'placeholders') as CurlMode
  if (!MODES.includes(mode)) throw new CliError(`--mode: one of ${MODES.join(', ')}.`)
  if (mode === 'resolved' && !flags.yes) {
    throw new CliError(
      'Pass --yes to print a resolved command, which holds the real access token.',
      'The placeholders mode reads the token from $FLOWX_TOKEN instead.'
    )
  }
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    const record = await findLaunch(core.ledger, id).catch((error: unknown) => {
      if (error instanceof AppFailure) throw new CliError(error.message)
      throw error
    })
    const profile = core.profiles.list().find((p) => p.id === record.profileId)
    const authenticated = profile ? profile.auth.mode !== 'none' : true
    const base = {
      url: `${record.baseUrl}${record.path}`,
      platform: profile?.platform || 'web',
      payload: record.payload,
      authenticated
    }
    if (mode !== 'resolved' || !authenticated) {
      // Written as is: the output's bearer masking would turn $FLOWX_TOKEN into ••••.
      ctx.io.stdout.write(
        `${curlCommand({ ...base, mode: mode === 'resolved' ? 'redacted' : mode })}\n`
      )
      return EXIT.STARTED
    }
    if (!profile)
      throw new CliError(
        `The profile “${record.profileName}” no longer exists: no token to put in.`
      )
    if (profile.protected && flags.confirm !== profile.name) {
      throw new CliError(
        `“${profile.name}” is a protected profile: add --confirm "${profile.name}" to print its token.`
      )
    }
    const resolved = await resolveConnection(ctx, core, { kind: 'profile', name: profile.name })
    const connection = await resolved.connection()
    const token =
      connection.token ??
      (connection.credentials
        ? (
            await core.tokens.get(connection.profileId, connection.credentials, {
              ...(connection.issuerTransport ? { transport: connection.issuerTransport } : {})
            })
          ).value
        : undefined)
    if (token === undefined)
      throw new CliError(`“${profile.name}” has no token to put in the command.`)
    // Printed on purpose: the user asked for the real token with --yes.
    ctx.io.stdout.write(`${curlCommand({ ...base, mode: 'resolved', token })}\n`)
    return EXIT.STARTED
  } finally {
    await core.close()
  }
}
