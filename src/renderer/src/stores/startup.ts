/** Start-up: the first screen's data from main in one call, handed to the stores that keep it. */
import { takeStartup } from '../lib/startup'
import { useAppStore } from './app'
import { useLaunchStore } from './launch'
import { useProfilesStore } from './profiles'
import { useSettingsStore } from './settings'

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
