/**
 * The workbench's calls beside the library: preview resolved, copy as cURL (form or history
 * entry), paste a cURL command, replay from history. Prompts (`{{?Label}}`) in the form are asked
 * first, once.
 */
import type { LaunchRecord } from '@shared/domain'
import type { Result } from '@shared/errors'
import { promptLabels } from '@shared/templates'
import type {
  CurlCommand,
  CurlMode,
  ParsedCurl,
  ReplayMode,
  ReplayPlan,
  SavedTarget,
  TemplatePreview
} from '@shared/workbench'
import { defineStore } from 'pinia'

import { newRequestId } from '../lib/request-id'
import { useHistoryStore } from './history'
import { useLaunchStore } from './launch'
import { useLaunchGuardStore } from './launch-guard'
import { useLaunchContextStore } from './launch-context'
import { useProfilesStore } from './profiles'

/** Resolved mode's explicit yes, and the typed name on a protected profile. */
export interface CurlConfirmation {
  confirmed?: boolean
  confirmProfileName?: string
}

/** The user cancelled a prompt: nothing was asked of main. */
export const CANCELLED = Symbol('cancelled')

export const useWorkbenchStore = defineStore('workbench', () => {
  const launch = useLaunchStore()
  const context = useLaunchContextStore()
  const profiles = useProfilesStore()

  function formTarget(): SavedTarget {
    const f = launch.form
    return {
      mode: f.mode,
      workspaceId: f.workspaceId,
      appId: f.appId,
      buildId: f.buildId,
      processName: f.processName
    }
  }

  /** Answers to the form's prompts (none asked when it has none); undefined when cancelled. */
  async function formPrompts(): Promise<Record<string, string> | undefined | typeof CANCELLED> {
    const target = formTarget()
    const labels = promptLabels([
      ...[target.workspaceId, target.appId, target.buildId, target.processName].map((text) => ({
        text,
        json: false
      })),
      { text: launch.form.payload, json: true }
    ])
    if (!labels.length) return undefined
    return (await context.askPrompts(labels)) ?? CANCELLED
  }

  /** What the form would send on the active profile, resolved; nothing is sent. */
  async function preview(): Promise<Result<TemplatePreview> | typeof CANCELLED> {
    const profile = profiles.activeProfile
    if (!profile)
      return { ok: false, error: { code: 'PROFILE_NOT_FOUND', message: 'Choose a profile first.' } }
    const prompts = await formPrompts()
    if (prompts === CANCELLED) return CANCELLED
    return window.flowx.templates.preview({
      profileId: profile.id,
      target: formTarget(),
      payload: launch.form.payload,
      ...context.resolutionInput(),
      ...(prompts ? { prompts } : {})
    })
  }

  /** The form as a cURL command; 'resolved' is copied by main and comes back redacted. */
  async function curlFromForm(
    mode: CurlMode,
    confirm: CurlConfirmation = {},
    prompts?: Record<string, string>
  ): Promise<Result<CurlCommand>> {
    const profile = profiles.activeProfile
    if (!profile)
      return { ok: false, error: { code: 'PROFILE_NOT_FOUND', message: 'Choose a profile first.' } }
    return window.flowx.curl.fromForm({
      profileId: profile.id,
      target: formTarget(),
      payload: launch.form.payload,
      ...context.resolutionInput(),
      ...(prompts ? { prompts } : {}),
      mode,
      ...confirm
    })
  }

  function curlFromLaunch(
    id: string,
    mode: CurlMode,
    confirm: CurlConfirmation = {}
  ): Promise<Result<CurlCommand>> {
    return window.flowx.curl.fromLaunch({ id, mode, ...confirm })
  }

  function parseCurl(text: string): Promise<Result<ParsedCurl>> {
    return window.flowx.curl.parse({ text })
  }

  /** Put a parsed cURL command into the form; its token (if chosen) serves the next launch only. */
  function applyParsed(parsed: ParsedCurl, useToken: boolean): void {
    launch.fill({
      mode: parsed.mode,
      workspaceId: parsed.mode === 'workspace' ? parsed.workspaceId : launch.form.workspaceId,
      appId: parsed.appId,
      buildId: parsed.mode === 'build' ? parsed.buildId : launch.form.buildId,
      processName: parsed.processName,
      ...(parsed.payload.trim() ? { payload: parsed.payload } : {})
    })
    context.pastedToken =
      parsed.tokenHandle && useToken
        ? { handle: parsed.tokenHandle, claims: parsed.tokenClaims }
        : undefined
  }

  // --- replay --------------------------------------------------------------------------------

  /** What a replay would send, beside what was sent; nothing is sent. */
  function replayPlan(
    id: string,
    mode: ReplayMode,
    profileId?: string,
    prompts?: Record<string, string>
  ): Promise<Result<ReplayPlan>> {
    return window.flowx.history.replayPlan({
      id,
      mode,
      ...(mode === 'to-profile' && profileId ? { profileId } : {}),
      ...(prompts ? { prompts } : {})
    })
  }

  /**
   * Send a replay the user looked at. A protected target asks for its typed name; a duplicate
   * refused by main asks before the one deliberate resend. Undefined when the user backed out.
   */
  async function replay(
    plan: ReplayPlan,
    prompts?: Record<string, string>
  ): Promise<Result<LaunchRecord> | undefined> {
    const guard = useLaunchGuardStore()
    const input: Parameters<typeof window.flowx.history.replay>[0] = {
      id: plan.sourceId,
      mode: plan.mode,
      requestId: newRequestId(),
      ...(plan.mode === 'to-profile' ? { profileId: plan.after.profileId } : {}),
      ...(prompts ? { prompts } : {})
    }
    if (plan.after.protected) {
      input.confirmProfileName = await guard.askProtected(
        plan.after.profileName,
        plan.after.target.processName
      )
      if (input.confirmProfileName === undefined) return undefined
    }
    let r = await window.flowx.history.replay(input)
    if (!r.ok && r.error.code === 'DUPLICATE_START') {
      if (!(await guard.askDuplicate(r.error))) return undefined
      r = await window.flowx.history.replay({
        ...input,
        requestId: newRequestId(),
        allowDuplicate: true
      })
    }
    const history = useHistoryStore()
    void history.search().then(() => {
      if (r.ok) void history.select(r.value.id)
    })
    return r
  }

  return {
    formTarget,
    formPrompts,
    preview,
    curlFromForm,
    curlFromLaunch,
    parseCurl,
    applyParsed,
    replayPlan,
    replay
  }
})
