/**
 * The questions a start may have to ask before it goes out: the typed confirmation for a protected
 * profile, and "send anyway?" after main refused a duplicate. Each question is a promise the
 * launch store awaits and a dialog answers. Main enforces both; these only ask the person.
 */
import type { AppError } from '@shared/errors'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

export interface ProtectedQuestion {
  profileName: string
  processName: string
  answer: (typedName: string | undefined) => void
}

export interface DuplicateQuestion {
  error: AppError
  answer: (sendAnyway: boolean) => void
}

export const useLaunchGuardStore = defineStore('launch-guard', () => {
  const protectedQuestion = ref<ProtectedQuestion>()
  const duplicateQuestion = ref<DuplicateQuestion>()
  /** A question is open: no other send may start. */
  const asking = computed(() => !!protectedQuestion.value || !!duplicateQuestion.value)

  /** Ask for the protected profile's name; resolves with what was typed, or undefined. */
  function askProtected(profileName: string, processName: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      protectedQuestion.value = {
        profileName,
        processName,
        answer: (typed) => {
          protectedQuestion.value = undefined
          resolve(typed)
        }
      }
    })
  }

  /** Ask whether to start again although main found the same launch in the last minute. */
  function askDuplicate(error: AppError): Promise<boolean> {
    return new Promise((resolve) => {
      duplicateQuestion.value = {
        error,
        answer: (sendAnyway) => {
          duplicateQuestion.value = undefined
          resolve(sendAnyway)
        }
      }
    })
  }

  /** Answer the protected-profile question with the typed name (only when it matches). */
  function confirmProtected(typed: string): void {
    const question = protectedQuestion.value
    if (question && typed === question.profileName) question.answer(typed)
  }

  function cancelProtected(): void {
    protectedQuestion.value?.answer(undefined)
  }

  function answerDuplicate(sendAnyway: boolean): void {
    duplicateQuestion.value?.answer(sendAnyway)
  }

  return {
    protectedQuestion,
    duplicateQuestion,
    asking,
    askProtected,
    askDuplicate,
    confirmProtected,
    cancelProtected,
    answerDuplicate
  }
})
