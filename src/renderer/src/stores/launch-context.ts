/**
 * What a launch is resolved with beyond the form's own fields: this launch's variable overrides,
 * the open saved launch's defaults, its ticket and note, a token pasted with a cURL command (held
 * in main, known here only by its handle), and the `{{?Label}}` prompts asked at send time.
 */
import type { ParsedCurl } from '@shared/workbench'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { profileScope, type LintScope } from '../lib/template-lint'
import { variablesFrom, type VariableRow } from '../lib/template-variables'
import { useProfilesStore } from './profiles'

export interface PromptQuestion {
  labels: string[]
  /** Answers given last time in this session, offered again. */
  previous: Record<string, string>
}

/** A token pasted with a cURL command, usable for the next launch only. */
export interface PastedToken {
  handle: string
  /** Who the token says it is, for the form's notice. */
  claims?: ParsedCurl['tokenClaims']
}

export const useLaunchContextStore = defineStore('launch-context', () => {
  const profiles = useProfilesStore()

  /** This launch's own values (they win over every other source). */
  const overrideRows = ref<VariableRow[]>([])
  /** The open saved launch's defaults, as edited. */
  const defaultRows = ref<VariableRow[]>([])
  /** The saved launch open in the form, by library id. */
  const savedLaunchId = ref<string>()
  const ticket = ref('')
  const note = ref('')
  const pastedToken = ref<PastedToken>()

  const overrides = computed(() => variablesFrom(overrideRows.value))
  const defaults = computed(() => variablesFrom(defaultRows.value))
  /** What `{{…}}` resolve to before sending (no prompt answered, no built-in generated yet). */
  const scope = computed<LintScope>(() => ({
    overrides: overrides.value,
    savedDefaults: defaults.value,
    ...profileScope(profiles.activeProfile)
  }))

  // --- prompts asked at send time -------------------------------------------------------------
  const promptQuestion = ref<PromptQuestion>()
  const lastAnswers = ref<Record<string, string>>({})
  let answer: ((answers: Record<string, string> | undefined) => void) | undefined

  /** Ask the `{{?Label}}` prompts; undefined when the user cancelled (nothing is sent). */
  function askPrompts(labels: string[]): Promise<Record<string, string> | undefined> {
    answer?.(undefined)
    promptQuestion.value = { labels, previous: { ...lastAnswers.value } }
    return new Promise((resolve) => {
      answer = resolve
    })
  }
  function answerPrompts(answers: Record<string, string>): void {
    lastAnswers.value = { ...lastAnswers.value, ...answers }
    promptQuestion.value = undefined
    answer?.(answers)
    answer = undefined
  }
  function cancelPrompts(): void {
    promptQuestion.value = undefined
    answer?.(undefined)
    answer = undefined
  }

  /** The fields launch:start, templates:preview and curl:from-form take beside the target. */
  function resolutionInput(): {
    savedLaunchId?: string
    defaults?: Record<string, string>
    overrides?: Record<string, string>
  } {
    const out: ReturnType<typeof resolutionInput> = {}
    if (savedLaunchId.value) out.savedLaunchId = savedLaunchId.value
    if (savedLaunchId.value || defaultRows.value.length) out.defaults = defaults.value
    if (overrideRows.value.length) out.overrides = overrides.value
    return out
  }

  return {
    overrideRows,
    defaultRows,
    savedLaunchId,
    ticket,
    note,
    pastedToken,
    overrides,
    defaults,
    scope,
    promptQuestion,
    askPrompts,
    answerPrompts,
    cancelPrompts,
    resolutionInput
  }
})
