/**
 * The build FlowX will use for the launch form's ids (by workspace), and the build a launched
 * instance runs on. Asked when the ids change: debounced, the stale answer of an older question is
 * dropped, and answers are kept briefly so flipping between two apps does not ask again.
 */
import type { BuildInfoResult } from '@shared/domain'
import type { AppError } from '@shared/errors'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'

/** How long after the last keystroke the form's build info is asked for. */
export const BUILD_INFO_DELAY_MS = 450
/** How long an answer is reused without asking FlowX again. */
export const BUILD_INFO_TTL_MS = 30_000

const ID = /^[A-Za-z0-9._-]{1,128}$/

export interface BuildInfoQuery {
  profileId: string
  workspaceId: string
  appId: string
}

interface Cached {
  at: number
  result: BuildInfoResult
}

/** The key of one question; undefined when the ids cannot be asked about yet. */
export function buildInfoKey(q: BuildInfoQuery): string | undefined {
  const wks = q.workspaceId.trim()
  const app = q.appId.trim()
  if (!ID.test(app) || (wks !== '' && !ID.test(wks))) return undefined
  return `${q.profileId}|${wks}|${app}`
}

export const useBuildInfoStore = defineStore('build-info', () => {
  /** The answer for the current question, or why there is none. */
  const result = shallowRef<BuildInfoResult>()
  const error = shallowRef<AppError>()
  const loading = ref(false)
  /** The question the shown answer belongs to. */
  const key = ref<string>()

  const cache = new Map<string, Cached>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  function cancel(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    seq++
    loading.value = false
  }

  /** Ask for the active build of these ids after a short pause; a later call replaces it. */
  function request(q: BuildInfoQuery, options: { now?: boolean; refresh?: boolean } = {}): void {
    cancel()
    const k = buildInfoKey(q)
    key.value = k
    error.value = undefined
    if (!k) {
      result.value = undefined
      return
    }
    const hit = cache.get(k)
    if (hit && !options.refresh && Date.now() - hit.at < BUILD_INFO_TTL_MS) {
      result.value = hit.result
      return
    }
    result.value = undefined
    loading.value = true
    const mine = seq
    const run = (): void => void fetchNow(q, k, mine, options.refresh === true)
    if (options.now) run()
    else timer = setTimeout(run, BUILD_INFO_DELAY_MS)
  }

  async function fetchNow(q: BuildInfoQuery, k: string, mine: number, refresh: boolean) {
    timer = undefined
    const r = await window.flowx.build.info({
      profileId: q.profileId,
      workspaceId: q.workspaceId.trim(),
      appId: q.appId.trim(),
      ...(refresh ? { refresh: true } : {})
    })
    if (mine !== seq) return
    loading.value = false
    if (r.ok) {
      cache.set(k, { at: Date.now(), result: r.value })
      result.value = r.value
    } else {
      error.value = r.error
    }
  }

  /** The build a launched instance runs on (not cached: asked on demand). */
  async function forInstance(profileId: string, uuid: string) {
    return window.flowx.build.instanceInfo({ profileId, uuid })
  }

  function clear(): void {
    cancel()
    cache.clear()
    result.value = undefined
    error.value = undefined
    key.value = undefined
  }

  return { result, error, loading, key, request, cancel, forInstance, clear }
})
