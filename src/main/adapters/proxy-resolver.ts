/**
 * The system proxy for a URL, from Chromium's resolver (security.md NET-5): it follows the OS
 * settings, PAC scripts and WPAD, which Node's stack does not read.
 */
import type { Session } from 'electron'

import type { ProxyResolver } from '../../core/ports'

/** A ProxyResolver over a session's resolveProxy (normally session.defaultSession). */
export function createProxyResolver(session: Pick<Session, 'resolveProxy'>): ProxyResolver {
  return {
    async resolve(url: string): Promise<string> {
      const answer: unknown = await session.resolveProxy(url)
      // Core reads the PAC string; anything else is reported there as an unreadable answer.
      return typeof answer === 'string' ? answer : ''
    }
  }
}
