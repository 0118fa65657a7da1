import type { HealthReport } from '@shared/domain'
import type { AppError } from '@shared/errors'
import { ref, type Ref } from 'vue'

import { useProfilesStore } from '../stores/profiles'

/** "Check connection" for one saved profile: the report, or why it could not run. */
export function useProfileCheck(): {
  report: Ref<HealthReport | undefined>
  error: Ref<AppError | undefined>
  checking: Ref<boolean>
  run: (profileId: string) => Promise<void>
  clear: () => void
} {
  const store = useProfilesStore()
  const report = ref<HealthReport>()
  const error = ref<AppError>()
  const checking = ref(false)

  async function run(profileId: string): Promise<void> {
    if (checking.value) return
    checking.value = true
    error.value = undefined
    try {
      const r = await store.check(profileId)
      report.value = r.ok ? r.value : undefined
      error.value = r.ok ? undefined : r.error
    } finally {
      checking.value = false
    }
  }

  function clear(): void {
    report.value = undefined
    error.value = undefined
  }

  return { report, error, checking, run, clear }
}
