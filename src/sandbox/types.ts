/** Public types of the local FlowX-compatible sandbox server (flowx-api.md §e). */

/** A token the fixture puts into a start response; `parent` is the index of its parent token. */
export interface FixtureToken {
  state: string
  statusCurrentNode: string
  parent?: number
}

/** A process definition published in a build. */
export interface FixtureProcess {
  name: string
  flowxUuid: string
  mandatoryParams?: string[]
  /** Start-node conditions; more than one means the body must name one in `startCondition`. */
  startConditions?: string[]
  /** Role the token must carry; defaults to the fixture's `defaultRequiredRole`. */
  requiredRole?: string
  /** Defaults to one ACTIVE/ARRIVED token. */
  tokens?: FixtureToken[]
  /** Instance state in the start response, default STARTED. */
  startState?: string
}

/** The `buildSettings` part of a BuildInfoDTO (flowx-api.md §d.3). */
export interface BuildSettings {
  applicationVersionId: string
  platforms: string
  themeId: string
  dateDisplayFormat: { format: string }
  numberDisplayFormat: { minDecimals: number; maxDecimals: number }
  currencyDisplayFormat: { format: string }
  defaultLanguageCode: string
}

export interface FixtureBuild {
  id: string
  status: 'COMMITTED' | 'WORK_IN_PROGRESS' | (string & {})
  processes: FixtureProcess[]
  /** Merged over the fixture's default build settings. */
  settings?: Partial<BuildSettings>
}

/** A per-user (by token `sub`) or per-group (token `groups`) active-policy override. */
export interface FixtureOverride {
  sub?: string
  group?: string
  buildId: string
}

export interface FixtureApp {
  id: string
  name: string
  builds: FixtureBuild[]
  /** The workspace's active policy for this app; null means no active build. */
  activePolicy: { buildId: string } | null
  overrides: FixtureOverride[]
}

export interface FixtureWorkspace {
  id: string
  name: string
  apps: FixtureApp[]
}

export type GrantType = 'client_credentials' | 'password' | 'refresh_token'

export interface FixtureClient {
  clientId: string
  /** Confidential clients have a secret; public clients have none. */
  secret?: string
  public: boolean
  grants: GrantType[]
  /** Roles of the client's service account (client_credentials). */
  roles: string[]
}

export interface FixtureUser {
  username: string
  password: string
  sub: string
  roles: string[]
  groups?: string[]
}

export interface FixtureRealm {
  name: string
  /** Seconds. */
  accessTokenLifespan: number
  /** Seconds, default 1800 (Keycloak's SSO Session Idle). */
  refreshTokenLifespan?: number
  clients: FixtureClient[]
  users: FixtureUser[]
}

/** Everything the sandbox serves: identity realms, workspaces, apps, builds and processes. */
export interface SandboxFixture {
  realms: FixtureRealm[]
  workspaces: FixtureWorkspace[]
  buildSettings: BuildSettings
  /** Role every start needs unless the process names its own (FlowX's FLOWX_ROLE). */
  defaultRequiredRole?: string
}

/**
 * Deterministic fault injection (flowx-api.md §e.6). Applies to the runtime start routes, except
 * `idpDown`, which applies to the token endpoint.
 */
export interface FaultConfig {
  /** Delay before answering. */
  latencyMs?: number
  /** Extra delay drawn from a PRNG seeded with `seed` (default 1), so runs repeat exactly. */
  jitterMs?: number
  seed?: number
  /** Accept the request and never answer. */
  hang?: boolean
  /** Reset the connection (TCP RST) once the request has been read. */
  reset?: boolean
  /** Send the full Content-Length, then half of the JSON, then close. */
  truncate?: boolean
  /** 200 with a non-JSON body ('text'), or with JSON that has no instance uuid. */
  garbage200?: 'text' | 'missing-uuid'
  /** 413 is the ingress refusing the body (FlowX stops at 1 MB), as nginx's own page by default. */
  failStatus?: 413 | 429 | 500 | 502 | 503 | 504
  /** Default 'html' for 413/502/504 (an ingress page), 'problem' otherwise. */
  failBody?: 'problem' | 'html' | 'empty' | 'text'
  /** Only every Nth matching request gets `failStatus`/`retryAfter` (counted since setFaults). */
  failEveryNth?: number
  /** Seconds for a Retry-After header; alone it means 503. */
  retryAfter?: number
  /** Drip the response body at this rate. */
  slowBodyBytesPerSec?: number
  redirectTo?: { status: 301 | 302 | 307 | 308; location: string }
  /** A 500 whose body echoes the received Authorization header (secret-leak tests). */
  echoAuthorization?: boolean
  /** The token endpoint answers 503. */
  idpDown?: boolean
  /** Limit the fault to starts of this (decoded) process name. */
  processName?: string
}

export interface SandboxOptions {
  /** Default 0 (a free port); the server always binds 127.0.0.1 only. */
  port?: number
  /** Default DEFAULT_FIXTURE. */
  fixture?: SandboxFixture
  faults?: FaultConfig
  /** Also serve the runtime routes at the root, not only under /rtm (default true). */
  mountRoot?: boolean
  /** 400 when the by-build start has no Flowx-Platform header. */
  requirePlatformHeader?: boolean
  /** 400 for raw `[` or `]` in the path, to catch clients that skip encoding. */
  strictRawBrackets?: boolean
  /** Runtime problems in the 4.x JHipster shape. */
  legacyErrors?: boolean
  /**
   * 4: a FlowX 4.x runtime, without the workspace routes (by-workspace start and build info by
   * workspace answer 404 "Not Found"); default 5, every route.
   */
  apiGeneration?: 4 | 5
  /**
   * The issuers the runtime accepts; default: the sandbox's own realms. Anything else (e.g. only
   * another identity provider) makes the runtime refuse the sandbox's own tokens with 401 "The iss
   * claim is not valid", as a runtime tied to another realm does.
   */
  trustedIssuers?: string[]
  /** Enable the /__mock/* control routes and the X-Mock-Fault header (default false). */
  control?: boolean
  /** Stop by itself after this many milliseconds. */
  maxLifetimeMs?: number
  /** Mask Authorization headers and passwords, secrets and refresh tokens in the request log. */
  redact?: boolean
}

/** One request as the sandbox received it. */
export interface RecordedRequest {
  method: string
  /** The path exactly as sent, without the query string. */
  rawPath: string
  /** The query string without `?`, '' when there is none. */
  query: string
  /** Path segments, percent-decoded once (left raw where a segment is not valid encoding). */
  segments: string[]
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>
  /** UTF-8 text of the body; '' when it was over the 1 MB limit. */
  body: string
  bodyBytes: number
  /** Sandbox-clock epoch milliseconds when the request had been read. */
  time: number
}

/** A running sandbox. */
export interface Sandbox {
  /** http://127.0.0.1:PORT */
  url: string
  /** url + '/rtm': the runtime base a profile uses. */
  baseUrl: string
  /** url + '/realms/flowx' */
  issuer: string
  /** A valid bearer (sub 'demo', roles ['FLOWX_ROLE']) for 12 h of sandbox clock. */
  demoToken: string
  /** Live request log, oldest first, the latest 1,000 (control routes are not recorded). */
  requests: RecordedRequest[]
  setFaults(f: FaultConfig | undefined): void
  /** Shift the sandbox clock so tokens expire without waiting. */
  setClockOffset(sec: number): void
  /** Change the runtime's API generation or trusted issuers while running (undefined: default). */
  setRuntime(runtime: RuntimeMode): void
  issueToken(opts: IssueTokenOptions): string
  /** Runtime requests being answered right now, and the most there have been at once. */
  inFlight(): { now: number; max: number }
  /** Resolves once `count` requests in total (since start or /__mock/reset) have been recorded. */
  waitForRequests(count: number): Promise<RecordedRequest[]>
  /** Resolves when the sandbox has stopped (close() or maxLifetimeMs). */
  closed: Promise<void>
  /** Close the server and destroy open sockets, hung requests included. */
  close(): Promise<void>
}

/** How the runtime behaves: its API generation and the issuers it trusts. */
export interface RuntimeMode {
  apiGeneration?: 4 | 5
  trustedIssuers?: string[]
}

export interface IssueTokenOptions {
  sub: string
  /** Default ['FLOWX_ROLE']. */
  roles?: string[]
  groups?: string[]
  /** Default: the realm's access-token lifespan. */
  expiresInSec?: number
  /** Default 'flowx-platform-authenticate'. */
  clientId?: string
  /** Default the sandbox issuer; anything else makes a well-signed token from a wrong issuer. */
  issuer?: string
}
