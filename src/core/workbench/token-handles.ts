/**
 * Bearer tokens pasted with a cURL command, held in main for one launch: the renderer only ever
 * sees an opaque handle. A handle is used once, and forgotten after ten minutes either way.
 */
import { randomUUID } from 'node:crypto'

import { AppFailure } from '../../shared/errors'

const TTL_MS = 10 * 60 * 1000

export class TokenHandles {
  private readonly held = new Map<string, { token: string; expires: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Keep a token; the handle to launch with it once. */
  hold(token: string): string {
    this.prune()
    const handle = randomUUID().replace(/-/g, '')
    this.held.set(handle, { token, expires: this.now() + TTL_MS })
    return handle
  }

  /** The token (still held until `forget`). */
  get(handle: string): string {
    this.prune()
    const found = this.held.get(handle)
    if (!found) {
      throw new AppFailure(
        'TOKEN_MISSING',
        'The token pasted with the cURL command is no longer held (it is kept for one launch, ten minutes at most).',
        { hint: 'Paste the command again, or launch with the profile’s own token.' }
      )
    }
    return found.token
  }

  forget(handle: string): void {
    this.held.delete(handle)
  }

  private prune(): void {
    const now = this.now()
    for (const [handle, entry] of this.held) if (entry.expires <= now) this.held.delete(handle)
  }
}
