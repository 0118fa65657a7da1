/** What every command receives: the streams, the environment, and a way to open core. */
import { homedir } from 'node:os'

import type { Core } from '../core/app'
import type { LaunchTimeouts } from '../core/launches/launch-service'
import { Redactor } from '../core/logging/redact'
import { silentLogger, type FileDialogs } from '../core/ports'
import { noKeychainCipher } from '../core/secrets/memory-key-cipher'
import { envProxyResolver, PROXY_PASSWORD_ENV } from '../core/net/env-proxy'
import type { ProxyResolver } from '../core/ports'
import type { StoreAccess } from '../core/stores/data-dir'
import type { AppNotice } from '../shared/domain'
import { AppFailure, type AppError } from '../shared/errors'
import { resolveDataDir, type Env } from './data-dir'
import type { LaunchCore } from './launch-core'
import { clean, Output, type TextSink } from './output'
import type { PayloadSource } from './read-payload'

export type Signal = 'SIGINT' | 'SIGTERM'

/** Where interrupts come from: `process` when run for real, an EventEmitter in tests. */
export interface SignalSource {
  on(signal: Signal, listener: () => void): unknown
  off(signal: Signal, listener: () => void): unknown
}

/** The process's streams and environment, injectable so tests run the CLI in-process. */
export interface CliIo {
  stdout: TextSink
  stderr: TextSink
  stdin: PayloadSource
  env: Env
  /** Default: process. */
  signals?: SignalSource
  /** Base for relative paths; default process.cwd(). */
  cwd?: string
}

/** Seams for tests only; the real CLI uses the defaults. */
export interface CliOverrides {
  /** Port for the in-process Local sandbox and the `sandbox` command's default (0 = any free). */
  sandboxPort?: number
  platform?: NodeJS.Platform
  home?: string
}

/** The environment variable holding the bearer token; never a flag (it would land in shell history). */
export const TOKEN_ENV = 'FLOWX_TOKEN'
/** The client secret for client credentials (or a confidential password-grant client). */
export const CLIENT_SECRET_ENV = 'FLOWX_CLIENT_SECRET'
/** The user's password for the password grant. */
export const PASSWORD_ENV = 'FLOWX_PASSWORD'

/**
 * Commands that only look: they open the data directory without writing anything to it (a fresh
 * or read-only directory reads as empty or as it is).
 */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set([
  'history',
  'profiles list',
  'profiles export',
  'check',
  'build-info',
  'report',
  'library list',
  'curl'
])

/** A commander command, seen from its name up to the program. */
interface NamedCommand {
  name(): string
  parent: NamedCommand | null
}

/** Every environment variable that holds a secret: masked in everything the CLI prints. */
export { PROXY_PASSWORD_ENV }
export const SECRET_ENVS = [TOKEN_ENV, CLIENT_SECRET_ENV, PASSWORD_ENV, PROXY_PASSWORD_ENV] as const
export type SecretEnv = (typeof SECRET_ENVS)[number]

/** A problem found before anything was sent: one stderr line (message and hint), exit code 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** Any thrown value as an AppError that is safe to print once redacted. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.error
  if (error instanceof CliError) {
    return { code: 'INVALID_INPUT', message: error.message, hint: error.hint }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message: message || 'Something went wrong.' }
}

/**
 * The app's save and open dialogs have no place here: the CLI reads and writes the paths given on
 * its command line itself.
 */
const noDialogs: FileDialogs = {
  saveText: () => Promise.reject(new CliError('There is no save dialog here: pass --out FILE.')),
  openText: () => Promise.reject(new CliError('There is no open dialog here: pass the file path.'))
}

/** Streams, environment, redactor and data directory for one CLI run. */
export class CliContext {
  readonly out: Output
  readonly redactor = new Redactor()
  readonly env: Env
  readonly cwd: string
  readonly signals: SignalSource
  /**
   * The "system" proxy here: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY (and their lower-case
   * forms), read as curl reads them; the password may come from FLOWX_PROXY_PASSWORD.
   */
  readonly proxyResolver: ProxyResolver
  /** Set when the command is known: 'read' for READ_ONLY_COMMANDS. */
  access: StoreAccess = 'write'

  constructor(
    readonly io: CliIo,
    readonly version: string,
    readonly overrides: CliOverrides = {}
  ) {
    this.env = io.env
    this.cwd = io.cwd ?? process.cwd()
    this.signals = io.signals ?? process
    this.proxyResolver = envProxyResolver(io.env)
    // Secrets from the environment are masked in everything printed, whatever the command
    // (security.md LOG-1); tokens fetched later join the same redactor through core.
    const secrets = [
      ...new Set(
        SECRET_ENVS.flatMap((name) => {
          const value = io.env[name]
          return value?.trim() ? [value, value.trim()] : []
        })
      )
    ].filter(longEnough)
    for (const secret of secrets) this.redactor.add(secret)
    this.out = new Output(io.stdout, io.stderr, this.redactor, secrets)
  }

  /** FLOWX_TOKEN, trimmed, or undefined when unset or blank. */
  token(): string | undefined {
    const value = this.env[TOKEN_ENV]?.trim()
    return value ? value : undefined
  }

  /**
   * A secret from the environment, or undefined when unset or blank. The token is trimmed (it is
   * pasted); a client secret or password is taken as is, spaces included.
   */
  secret(name: SecretEnv): string | undefined {
    if (name === TOKEN_ENV) return this.token()
    const value = this.env[name]
    return value?.trim() ? value : undefined
  }

  /** The absolute data directory for a command's `--data-dir`. */
  dataDir(flag: string | undefined): string {
    return resolveDataDir({
      flag,
      env: this.env,
      platform: this.overrides.platform ?? process.platform,
      home: this.overrides.home ?? homedir(),
      cwd: this.cwd
    })
  }

  /** Called by the program before a command runs: decides whether it may write. */
  commandStarted(command: NamedCommand): void {
    const names: string[] = []
    for (let c: NamedCommand | null = command; c?.parent; c = c.parent) names.unshift(c.name())
    this.access = READ_ONLY_COMMANDS.has(names.join(' ')) ? 'read' : 'write'
  }

  /**
   * Open core on the data directory; the CLI never writes a secret to disk, so no keychain. What
   * core had to do or refuse with the files (a damaged file kept aside, a newer version's file
   * left untouched, a read-only folder) is printed on stderr, one line each.
   */
  async openCore(dataDir: string, timeouts?: LaunchTimeouts): Promise<Core> {
    // Loaded on first use: `--help`, `--version` and input errors never load the core.
    const [{ createCore }, { confBackend }] = await Promise.all([
      import('../core/app'),
      import('../core/stores/conf-backend')
    ])
    const core = await createCore({
      dataDir,
      storeBackend: confBackend,
      cipher: noKeychainCipher,
      logger: silentLogger,
      redactor: this.redactor,
      version: this.version,
      copyText: () => undefined,
      files: noDialogs,
      sandboxPort: this.overrides.sandboxPort,
      timeouts,
      access: this.access,
      proxyResolver: this.proxyResolver
    })
    this.printNotices(core.notices)
    return core
  }

  /**
   * Open only what a launch with a URL and an environment token needs (launch-core.ts): the data
   * directory, the settings and the history, with the same notices as openCore.
   */
  async openLaunchCore(dataDir: string, timeouts?: LaunchTimeouts): Promise<LaunchCore> {
    const { openLaunchCore } = await import('./launch-core')
    const core = await openLaunchCore({
      dataDir,
      redactor: this.redactor,
      timeouts,
      access: this.access
    })
    this.printNotices(core.notices)
    return core
  }

  private printNotices(notices: readonly AppNotice[]): void {
    for (const notice of notices) {
      this.out.err(`flowx-launcher: ${notice.level}: ${clean(notice.message)}`)
    }
  }

  /** Print a failure as one line on stderr: the message, then the hint. */
  fail(error: Pick<AppError, 'message' | 'hint'>): void {
    const hint = error.hint ? ` ${error.hint}` : ''
    this.out.err(`flowx-launcher: ${clean(error.message)}${clean(hint)}`)
  }
}

/** Core's Redactor ignores values this short (they would mask ordinary words); so does the CLI. */
function longEnough(secret: string): boolean {
  return secret.length >= 6
}
