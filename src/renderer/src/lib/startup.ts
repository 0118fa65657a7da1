/**
 * The first screen's data (`app:startup`: state, settings, profiles and the active profile's
 * draft) in one round trip, asked for before the app mounts so the answer travels while the view
 * is being built instead of after.
 */
import type { StartupState } from '@shared/domain'
import type { Result } from '@shared/errors'

let early: Promise<Result<StartupState>> | undefined

/** Ask main now; `takeStartup` gets the answer. */
export function prefetchStartup(): void {
  if (early) return
  early = window.flowx.app.startup()
  // Whoever takes it handles a failure; until then it is not an unhandled rejection.
  early.catch(() => undefined)
}

/** The answer asked for early (once), else a fresh call. */
export function takeStartup(): Promise<Result<StartupState>> {
  const answer = early ?? window.flowx.app.startup()
  early = undefined
  return answer
}
