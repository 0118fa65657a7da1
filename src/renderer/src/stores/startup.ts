/**
 * Start-up: the first screen's data from main in one call (`app:startup`: state, settings,
 * profiles and the active profile's draft), handed to the stores that keep it. main.ts asks for
 * it before the app mounts, so the answer travels while the app is being built.
 */
import type { StartupState } from '@shared/domain'
import type { Result } from '@shared/errors'

import { useAppStore } from './app'
import { useLaunchStore } from './launch'
import { useProfilesStore } from './profiles'
import { useSettingsStore } from './settings'

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

/**
 * Fill the stores for the first screen: settings, app state, profiles (settling the active one)
 * and its launch form draft, which the form shows without a further round trip.
 */
export async function startApp(): Promise<void> {
  const app = useAppStore()
  const settings = useSettingsStore()
  const profiles = useProfilesStore()
  const launch = useLaunchStore()
  const r = await takeStartup()
  if (!r.ok) {
    // Asked one by one instead, each store reports what went wrong with its own part.
    void settings.load()
    const state = await app.load()
    await profiles.load(state?.activeProfileId)
    return
  }
  const { state, draft } = r.value
  settings.apply(r.value.settings)
  app.apply(state)
  if (draft) launch.seedDraft(draft.profileId, draft.draft)
  await profiles.load(state.activeProfileId, r.value.profiles)
}
