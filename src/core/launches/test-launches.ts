/** A LaunchService wired like the app's (connections, token manager), for tests built on it. */
import { TokenManager } from '../auth/token-manager'
import type { Ledger } from '../history'
import { Redactor } from '../logging/redact'
import { silentLogger } from '../ports'
import type { ProfileService } from '../profiles/profile-service'
import type { SecretVault } from '../secrets/secret-vault'
import { Connections } from './connections'
import { LaunchService, type LaunchTimeouts } from './launch-service'
import type { SandboxHost } from './sandbox-host'

export interface TestLaunchOptions {
  ledger: Ledger
  profiles: ProfileService
  vault: SecretVault
  sandbox?: SandboxHost
  timeouts?: LaunchTimeouts
  now?: () => Date
  tokens?: TokenManager
}

export function testLaunchService(options: TestLaunchOptions): LaunchService {
  const tokens =
    options.tokens ?? new TokenManager({ redactor: new Redactor(), logger: silentLogger })
  const connections = new Connections({
    profiles: options.profiles,
    vault: options.vault,
    tokens,
    ...(options.sandbox ? { sandbox: options.sandbox } : {})
  })
  return new LaunchService({
    ledger: options.ledger,
    logger: silentLogger,
    tokens,
    profiles: options.profiles,
    connections,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.now ? { now: options.now } : {})
  })
}
