/** Everything one running sandbox holds: fixture, clock, key, faults, counters and the log. */
import { randomBytes } from 'node:crypto'

import { mintJwt } from './jwt'
import type {
  FaultConfig,
  IssueTokenOptions,
  RecordedRequest,
  RuntimeMode,
  SandboxFixture
} from './types'

/** Options after defaults are applied. */
export interface ResolvedOptions {
  mountRoot: boolean
  requirePlatformHeader: boolean
  strictRawBrackets: boolean
  legacyErrors: boolean
  control: boolean
  redact: boolean
  /** 4: no workspace routes (a FlowX 4.x runtime); default 5. */
  apiGeneration?: 4 | 5
  /** Undefined: every fixture realm. */
  trustedIssuers?: string[]
}

/** What route 4 (build info by instance) needs to know about a started instance. */
export interface InstanceRecord {
  uuid: string
  workspaceId: string
  applicationId: string
  buildId: string
}

/** How many requests the log keeps (the oldest go first). */
export const MAX_LOGGED = 1000

interface Waiter {
  count: number
  resolve: (requests: RecordedRequest[]) => void
  reject: (error: Error) => void
}

/** The mutable state behind a Sandbox handle. */
export class SandboxState {
  /** Per-sandbox HS256 key: tokens from one sandbox are worthless to any other. */
  readonly key = randomBytes(32)
  readonly requests: RecordedRequest[] = []
  readonly instances = new Map<string, InstanceRecord>()
  url = ''
  clockOffsetMs = 0
  faults: FaultConfig | undefined
  /** In-scope start requests seen since the faults were last set (for failEveryNth). */
  faultCount = 0
  /** State of the seeded jitter PRNG. */
  rngState = 1
  closed = false
  // Numbers in the range the FlowX docs show, so they look familiar in the UI.
  private nextInstanceId = 1001
  private nextTokenId = 2112691
  /** Requests recorded since start or the last reset, including those the log let go. */
  recorded = 0
  private readonly waiters: Waiter[] = []
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly sleepers = new Set<() => void>()

  constructor(
    readonly fixture: SandboxFixture,
    readonly options: ResolvedOptions
  ) {}

  /** Sandbox clock, epoch milliseconds. */
  now(): number {
    return Date.now() + this.clockOffsetMs
  }

  nowSec(): number {
    return Math.floor(this.now() / 1000)
  }

  /** The canonical issuer of a realm (Keycloak 17+ form). */
  issuerOf(realm: string, legacyAuthPrefix = false): string {
    return `${this.url}${legacyAuthPrefix ? '/auth' : ''}/realms/${realm}`
  }

  /** The issuers the runtime trusts: every fixture realm, with and without the /auth prefix. */
  isTrustedIssuer(iss: string): boolean {
    const trusted = this.options.trustedIssuers
    if (trusted) return trusted.includes(iss)
    return this.fixture.realms.some(
      (r) => iss === this.issuerOf(r.name) || iss === this.issuerOf(r.name, true)
    )
  }

  get defaultRealm(): string {
    return this.fixture.realms[0]?.name ?? 'flowx'
  }

  /** Switch the API generation or the trusted issuers; what is left out returns to the default. */
  setRuntime(runtime: RuntimeMode): void {
    this.options.apiGeneration = runtime.apiGeneration ?? 5
    if (runtime.trustedIssuers) this.options.trustedIssuers = [...runtime.trustedIssuers]
    else delete this.options.trustedIssuers
  }

  setFaults(faults: FaultConfig | undefined): void {
    this.faults = faults ? { ...faults } : undefined
    this.faultCount = 0
    this.rngState = faults?.seed ?? 1
  }

  issueToken(opts: IssueTokenOptions): string {
    const realm = this.fixture.realms[0]
    return mintJwt(
      {
        issuer: opts.issuer ?? this.issuerOf(this.defaultRealm),
        sub: opts.sub,
        clientId: opts.clientId ?? 'flowx-platform-authenticate',
        roles: opts.roles ?? ['FLOWX_ROLE'],
        groups: opts.groups,
        username: opts.sub,
        nowSec: this.nowSec(),
        lifetimeSec: opts.expiresInSec ?? realm?.accessTokenLifespan ?? 300
      },
      this.key
    )
  }

  allocateInstanceId(): number {
    return this.nextInstanceId++
  }

  allocateTokenId(): number {
    return this.nextTokenId++
  }

  record(request: RecordedRequest): void {
    this.recorded += 1
    this.requests.push(request)
    // The app keeps its sandbox up for hours with payloads up to 1 MB: keep the log bounded.
    if (this.requests.length > MAX_LOGGED)
      this.requests.splice(0, this.requests.length - MAX_LOGGED)
    for (const waiter of [...this.waiters]) {
      if (this.recorded >= waiter.count) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        waiter.resolve([...this.requests])
      }
    }
  }

  waitForRequests(count: number): Promise<RecordedRequest[]> {
    if (this.recorded >= count) return Promise.resolve([...this.requests])
    if (this.closed) return Promise.reject(new Error('The sandbox is closed.'))
    return new Promise((resolve, reject) => this.waiters.push({ count, resolve, reject }))
  }

  /** A timer that close() cancels, so a stopped sandbox leaves nothing scheduled. */
  later(ms: number, fn: () => void): void {
    if (this.closed) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      fn()
    }, ms)
    this.timers.add(timer)
  }

  /** Wait; resolves at once when the sandbox is closed (or closes meanwhile). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve()
      const done = (): void => {
        this.sleepers.delete(done)
        resolve()
      }
      this.sleepers.add(done)
      this.later(ms, done)
    })
  }

  shutdown(): void {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    for (const done of [...this.sleepers]) done()
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('The sandbox closed.'))
  }
}
