/**
 * The local FlowX-compatible sandbox: runtime start and build-info routes, a Keycloak-like identity
 * provider and fault injection, on 127.0.0.1 (flowx-api.md §e). Used by tests, demos and the CLI.
 */
export { DEFAULT_FIXTURE, SANDBOX_IDS } from './fixture'
export { HEADER_FAULTS } from './faults'
export { decodeJwt, type JwtClaims } from './jwt'
export { startSandbox } from './server'
export type {
  BuildSettings,
  FaultConfig,
  FixtureApp,
  FixtureBuild,
  FixtureClient,
  FixtureOverride,
  FixtureProcess,
  FixtureRealm,
  FixtureToken,
  FixtureUser,
  FixtureWorkspace,
  GrantType,
  IssueTokenOptions,
  RecordedRequest,
  RuntimeMode,
  Sandbox,
  SandboxFixture,
  SandboxOptions
} from './types'
