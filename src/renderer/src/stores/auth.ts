/** Where each profile's access token stands (never the token), and "get token now". */
import type { TokenStatus } from '@shared/domain'
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'

import { useProfilesStore } from './profiles'

/** How often the header chip asks main again, besides profile changes and launches. */
export const TOKEN_STATUS_POLL_MS = 15_000

export const useAuthStore = defineStore('auth', () => {
  const profiles = useProfilesStore()
  const statuses = reactive<Record<string, TokenStatus>>({})
  /** The profile whose token is being fetched on request, if any. */
  const renewingId = ref<string>()

  const activeStatus = computed(() => (profiles.activeId ? statuses[profiles.activeId] : undefined))

  function failedStatus(profileId: string, error: TokenStatus['error']): TokenStatus {
    const mode = profiles.byId(profileId)?.auth.mode ?? 'bearer'
    return { profileId, state: 'error', mode, error }
  }

  /** Ask main where a profile's token stands (the active profile by default). */
  async function load(profileId = profiles.activeId): Promise<TokenStatus | undefined> {
    if (!profileId) return undefined
    const r = await window.flowx.auth.status({ profileId })
    // A renewal under way has the fresher answer coming.
    if (renewingId.value === profileId) return statuses[profileId]
    statuses[profileId] = r.ok ? r.value : failedStatus(profileId, r.error)
    return statuses[profileId]
  }

  /** Fetch a fresh token now; the outcome is the new status (state 'error' with the reason). */
  async function renew(profileId = profiles.activeId): Promise<TokenStatus | undefined> {
    if (!profileId || renewingId.value === profileId) return undefined
    const before = statuses[profileId]
    renewingId.value = profileId
    statuses[profileId] = {
      ...(before ?? { profileId, mode: profiles.byId(profileId)?.auth.mode ?? 'bearer' }),
      state: 'refreshing',
      error: undefined
    }
    try {
      const r = await window.flowx.auth.renew({ profileId })
      statuses[profileId] = r.ok ? r.value : failedStatus(profileId, r.error)
      return statuses[profileId]
    } finally {
      renewingId.value = undefined
    }
  }

  return { statuses, renewingId, activeStatus, load, renew }
})
