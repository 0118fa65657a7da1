/** Runs the CLI in-process for tests: captured streams, a temp data dir, a fake signal source. */
import { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'

import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'

import { createCore } from '../core/app'
import { LedgerFile } from '../core/history'
import { Redactor } from '../core/logging/redact'
import { silentLogger } from '../core/ports'
import { MemoryKeyCipher } from '../core/secrets/memory-key-cipher'
import { confBackend } from '../core/stores/conf-backend'
import type { ProfileInput } from '../shared/domain'
import { SANDBOX_IDS, startSandbox, type RecordedRequest, type Sandbox } from '../sandbox'
import { runCli } from './index'
import type { LaunchJson } from './launch-report'

/** A text sink that remembers what was written and can wait for some text to appear. */
export class Capture {
  text = ''
  private readonly waiters: { pattern: string; resolve: () => void }[] = []

  write(chunk: string): boolean {
    this.text += chunk
    for (const waiter of [...this.waiters]) {
      if (this.text.includes(waiter.pattern)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
    return true
  }

  /** Resolves once the captured text contains `pattern`. */
  waitFor(pattern: string): Promise<void> {
    if (this.text.includes(pattern)) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }))
  }

  /** Non-empty lines. */
  lines(): string[] {
    return this.text.split('\n').filter((line) => line !== '')
  }
}

export interface RunOptions {
  /** Replaces the harness environment entries given (undefined removes one). */
  env?: Record<string, string | undefined>
  stdin?: string
}

export interface RunningCli {
  stdout: Capture
  stderr: Capture
  signals: EventEmitter
  done: Promise<number>
}

/** One temp data directory and everything the CLI printed into it. */
export class CliHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'flowx-cli-'))
  readonly dataDir = join(this.dir, 'data')
  /** Every stdout and stderr capture of every run, for the never-print-the-token checks. */
  readonly captures: Capture[] = []

  constructor(private readonly env: Record<string, string | undefined> = {}) {}

  /** Start a run without waiting for it (for signals and the long-running sandbox command). */
  spawn(argv: string[], options: RunOptions = {}): RunningCli {
    const stdout = new Capture()
    const stderr = new Capture()
    this.captures.push(stdout, stderr)
    const signals = new EventEmitter()
    const env = { FLOWX_LAUNCHER_HOME: this.dataDir, ...this.env, ...options.env }
    const done = runCli(
      argv,
      {
        stdout,
        stderr,
        stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
        env,
        signals,
        cwd: this.dir
      },
      { sandboxPort: 0 }
    )
    return { stdout, stderr, signals, done }
  }

  /** Run to completion. */
  async run(
    argv: string[],
    options: RunOptions = {}
  ): Promise<{ code: number; stdout: Capture; stderr: Capture }> {
    const running = this.spawn(argv, options)
    return { code: await running.done, stdout: running.stdout, stderr: running.stderr }
  }

  /** Everything printed so far by every run. */
  printed(): string {
    return this.captures.map((capture) => capture.text).join('\n')
  }

  /** Look into the ledger the CLI wrote; undefined when it never created one. */
  withLedger<T>(read: (ledger: LedgerFile) => T): T | undefined {
    const file = join(this.dataDir, 'history.db')
    if (!existsSync(file)) return undefined
    const ledger = LedgerFile.open(file)
    try {
      return read(ledger)
    } finally {
      ledger.close()
    }
  }

  /** How many launches the ledger holds (0 without a ledger). */
  recordCount(): number {
    return this.withLedger((ledger) => ledger.count()) ?? 0
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** Parse each stdout line as JSON. */
export function jsonLines<T = Record<string, unknown>>(capture: Capture): T[] {
  return capture.lines().map((line) => JSON.parse(line) as T)
}

/** The only JSON line a run printed. */
export function oneJson(capture: Capture): LaunchJson {
  const lines = jsonLines<LaunchJson>(capture)
  expect(lines).toHaveLength(1)
  return lines[0]
}

/** What useSandboxFixture gives a test file. */
export interface SandboxFixture {
  readonly sandbox: Sandbox
  readonly h: CliHarness
  /** Every token the test handed the CLI: checked after each test to appear nowhere it printed. */
  readonly tokens: string[]
  /** `start` by build on the sandbox's committed build. */
  byBuild(processName?: string): string[]
  /** The last request the sandbox received. */
  lastRequest(): RecordedRequest
  /**
   * Save a profile as the app does, pointed at the sandbox's committed build with a pasted token
   * (FLOWX_TOKEN), `overrides` on top.
   */
  saveProfile(name: string, overrides?: Partial<ProfileInput>): Promise<void>
}

/**
 * One real sandbox per test file and a fresh data directory per test, with FLOWX_TOKEN set to the
 * demo token unless `withToken` is false. After each test, faults are cleared and no token used
 * may appear in anything the CLI printed.
 */
export function useSandboxFixture(options: { withToken?: boolean } = {}): SandboxFixture {
  let sandbox: Sandbox | undefined
  let harness: CliHarness | undefined
  let tokens: string[] = []
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('used outside a test')
    return value
  }
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 })
  })
  afterAll(() => sandbox?.close())
  beforeEach(() => {
    const token = need(sandbox).demoToken
    tokens = [token]
    harness = new CliHarness({ FLOWX_TOKEN: options.withToken === false ? undefined : token })
  })
  afterEach(() => {
    need(sandbox).setFaults(undefined)
    const printed = need(harness).printed()
    for (const token of tokens) expect(printed).not.toContain(token)
    need(harness).cleanup()
  })
  return {
    get sandbox() {
      return need(sandbox)
    },
    get h() {
      return need(harness)
    },
    get tokens() {
      return tokens
    },
    byBuild: (processName = '[DOCS]customer_onboarding') => [
      'start',
      '--base-url',
      need(sandbox).baseUrl,
      '--build',
      SANDBOX_IDS.committedBuildId,
      '--app',
      SANDBOX_IDS.appId,
      '--process',
      processName
    ],
    lastRequest: () => {
      const request = need(sandbox).requests.at(-1)
      if (!request) throw new Error('the sandbox received nothing')
      return request
    },
    saveProfile: (name, overrides = {}) =>
      saveAppProfile(need(harness).dataDir, {
        name,
        color: 'blue',
        baseUrl: need(sandbox).baseUrl,
        platform: 'web',
        defaults: {
          workspaceId: '',
          appId: SANDBOX_IDS.appId,
          buildId: SANDBOX_IDS.committedBuildId
        },
        auth: { mode: 'bearer' },
        ...overrides
      })
  }
}

/**
 * Save a profile the way the app does, its secrets sealed by a keychain (a per-call key) the CLI
 * cannot open.
 */
export async function saveAppProfile(dataDir: string, input: ProfileInput): Promise<void> {
  const core = await createCore({
    dataDir,
    storeBackend: confBackend,
    cipher: new MemoryKeyCipher(),
    logger: silentLogger,
    redactor: new Redactor(),
    version: 'test',
    copyText: () => undefined,
    files: { saveText: async () => undefined, openText: async () => undefined },
    sandboxPort: 0
  })
  try {
    await core.profiles.save(input)
  } finally {
    await core.close()
  }
}

/** `batch` arguments for the sandbox's committed build, with `data` as the payload template. */
export function sandboxBatchArgs(
  sandbox: Pick<Sandbox, 'baseUrl'>,
  data: string,
  rows: string,
  ...more: string[]
): string[] {
  return [
    'batch',
    '--base-url',
    sandbox.baseUrl,
    '--build',
    SANDBOX_IDS.committedBuildId,
    '--app',
    SANDBOX_IDS.appId,
    '--process',
    '[DOCS]customer_onboarding',
    '--data',
    data,
    '--rows',
    rows,
    ...more
  ]
}
