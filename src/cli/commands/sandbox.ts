/** `flowx-launcher sandbox`: the local FlowX-compatible server in the foreground, for demos. */
import { PREFERRED_SANDBOX_PORT, SandboxHost } from '../../core/launches/sandbox-host'
import { SANDBOX_IDS, startSandbox, type Sandbox } from '../../sandbox'
import { CliError, TOKEN_ENV, type CliContext, type Signal } from '../context'
import { EXIT, type ExitCode } from '../exit-codes'
import { fields, shellQuote } from '../output'

/** The flags of `sandbox`, as commander hands them over. */
export interface SandboxFlags {
  port?: string
  /** Act as a FlowX 4.x runtime: no workspace routes. */
  flowx4?: boolean
  /** The runtime trusts only these issuers, refusing the sandbox's own tokens (401). */
  trustIssuer?: string[]
  /** Accepted like on every command; the sandbox keeps no data. */
  dataDir?: string
}

/** The process the example command starts: brackets show that names are encoded. */
export const EXAMPLE_PROCESS = '[DOCS]customer_onboarding'

/** Run `sandbox` until SIGINT or SIGTERM (or the server stops by itself). */
export async function runSandbox(ctx: CliContext, flags: SandboxFlags): Promise<ExitCode> {
  const port = parsePort(flags.port)
  const trusted = (flags.trustIssuer ?? []).map(checkIssuer)
  let sandbox: Sandbox
  try {
    // An explicit --port must be that port; the default falls back to any free one, like the app.
    const preferred = ctx.overrides.sandboxPort ?? PREFERRED_SANDBOX_PORT
    sandbox =
      port === undefined
        ? await new SandboxHost(startSandbox, preferred).ensure()
        : await startSandbox({ port })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new CliError(`Could not start the sandbox on 127.0.0.1:${port ?? 'any port'}: ${reason}`)
  }

  sandbox.setRuntime({
    ...(flags.flowx4 ? { apiGeneration: 4 } : {}),
    ...(trusted.length > 0 ? { trustedIssuers: trusted } : {})
  })

  let stop = (): void => undefined
  const stopped = new Promise<void>((resolve) => (stop = resolve))
  const signals: Signal[] = ['SIGINT', 'SIGTERM']
  for (const signal of signals) ctx.signals.on(signal, stop)
  try {
    ctx.out.plain('stdout', sandboxBanner(sandbox, modeLines(flags, trusted)).join('\n') + '\n')
    await Promise.race([stopped, sandbox.closed])
  } finally {
    for (const signal of signals) ctx.signals.off(signal, stop)
    await sandbox.close()
  }
  ctx.out.err('Sandbox stopped.')
  return EXIT.STARTED
}

/** What `sandbox` prints once listening: where, the fixture ids, a token and a command to try. */
export function sandboxBanner(
  sandbox: Pick<Sandbox, 'url' | 'baseUrl' | 'issuer' | 'demoToken'>,
  modes: string[] = []
): string[] {
  const example = [
    `${TOKEN_ENV}=${shellQuote(sandbox.demoToken)}`,
    // npx finds the bin from a clone (node_modules/.bin or the project itself), no install needed.
    'npx flowx-launcher start',
    `--base-url ${shellQuote(sandbox.baseUrl)}`,
    `--workspace ${shellQuote(SANDBOX_IDS.workspaceId)}`,
    `--app ${shellQuote(SANDBOX_IDS.appId)}`,
    `--process ${shellQuote(EXAMPLE_PROCESS)}`
  ].join(' ')
  return [
    `FlowX sandbox listening on ${sandbox.url}`,
    ...fields([
      ['Runtime base URL', sandbox.baseUrl],
      ['Issuer', sandbox.issuer],
      ['Workspace id', SANDBOX_IDS.workspaceId],
      ['App id', SANDBOX_IDS.appId],
      ['Build id', `${SANDBOX_IDS.committedBuildId} (COMMITTED)`],
      ['Demo token', sandbox.demoToken]
    ]),
    ...modes,
    '',
    'Try:',
    `  ${example}`,
    '',
    'Press Ctrl+C to stop.'
  ]
}

/** What the runtime modes change, for the banner. */
function modeLines(flags: SandboxFlags, trusted: string[]): string[] {
  const lines: string[] = []
  if (flags.flowx4) {
    lines.push(
      'Runs as FlowX 4.x: no workspace routes (build info and starts by app and build only).'
    )
  }
  if (trusted.length > 0) {
    lines.push(
      `The runtime trusts only ${trusted.join(', ')}: it refuses the sandbox's own tokens with 401 "The iss claim is not valid".`
    )
  }
  return lines
}

function checkIssuer(text: string): string {
  const issuer = text.trim()
  if (!/^https?:\/\/\S+$/.test(issuer)) {
    throw new CliError('--trust-issuer: an issuer URL, e.g. https://kc.example.com/realms/flowx.')
  }
  return issuer
}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const port = Number(text.trim())
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError('--port: a port number from 0 to 65535 (0 picks a free one).')
  }
  return port
}
