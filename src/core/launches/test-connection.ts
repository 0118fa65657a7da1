/** Tests: the connection of a profile named Sandbox that points at a running sandbox. */
import type { Sandbox } from '../../sandbox'
import type { LaunchConnection } from './connections'

/** The sandbox's address with a fixed token (its demo token unless `token` is given). */
export function sandboxConnection(sandbox: Sandbox, token = sandbox.demoToken): LaunchConnection {
  return {
    profileId: 'p1',
    profileName: 'Sandbox',
    profileColor: 'teal',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    token
  }
}
