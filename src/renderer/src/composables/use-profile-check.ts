import type { HealthReport, ProfileInput } from '@shared/domain'
import type { AppError, Result } from '@shared/errors'
import { ref, type Ref } from 'vue'

import { useProfilesStore } from '../stores/profiles'

/** "Check connection" for one saved profile: the report, or why it could not run. */
export function useProfileCheck(): {
  report: Ref<HealthReport | undefined>
  error: Ref<AppError | undefined>
  checking: Ref<boolean>
  run: (profileId: string) => Promise<void>
  /** The same check on the values in the profile form (not saved yet). */
  runDraft: (input: ProfileInput) => Promise<void>
  clear: () => void
} {
  const store = useProfilesStore()
  const report = ref<HealthReport>()
  const error = ref<AppError>()
  const checking = ref(false)

  function run(profileId: string): Promise<void> {
    return runWith(() => store.check(profileId))
  }

  function runDraft(input: ProfileInput): Promise<void> {
    return runWith(() => store.checkDraft(input))
  }

  async function runWith(call: () => Promise<Result<HealthReport>>): Promise<void> {
    if (checking.value) return
    checking.value = true
    error.value = undefined
    try {
      const r = await call()
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

  return { report, error, checking, run, runDraft, clear }
}
