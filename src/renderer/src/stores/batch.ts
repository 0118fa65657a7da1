/**
 * Batch runs in the app: the source (current form or a saved launch), the rows file picked through
 * main, the dry-run preview, the run's options, and the live run fed by the `batch:progress`
 * subscription. Rows are plain objects in a shallowRef keyed by row number, so 10,000 rows stay
 * light; progress events carry only the rows that changed.
 */
import type { BatchPreview, BatchProgress, RowOutcome, RowStatus } from '@shared/batch'
import type { BatchRecord } from '@shared/domain'
import type { AppError, Result } from '@shared/errors'
import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef } from 'vue'

import { useAppStore } from './app'
import { useHistoryStore } from './history'
import { useLaunchStore } from './launch'
import { useProfilesStore } from './profiles'
import { useSettingsStore } from './settings'

export type BatchSourceChoice = { kind: 'form' } | { kind: 'saved'; id: string; name: string }
/** A status, every row, or the rows whose outcome did not meet their expected one. */
export type RowFilter = RowStatus | 'all' | 'unexpected'
export type ExportFormat = 'csv' | 'json' | 'junit' | 'markdown'

/** What the progress view shows: the last push, or the run as fetched. */
export interface LiveState {
  status: BatchRecord['status']
  counts: BatchProgress['counts']
  throughput: number
  etaMs?: number
  expected?: number
  stopReason?: string
}

/** The progress view's state from a push, or from the run as main holds it. */
function liveStateOf(progress: Omit<BatchProgress, 'rows' | 'batchId'>): LiveState {
  return {
    status: progress.status,
    counts: progress.counts,
    throughput: progress.throughput,
    ...(progress.etaMs !== undefined ? { etaMs: progress.etaMs } : {}),
    ...(progress.expected !== undefined ? { expected: progress.expected } : {}),
    ...(progress.stopReason ? { stopReason: progress.stopReason } : {})
  }
}

/** Rows that a "rerun failed" sends: failed before anything left, or never sent. */
export function isRerunnable(row: RowOutcome): boolean {
  return !row.sent && (row.status === 'failed' || row.status === 'not-sent')
}

export const useBatchStore = defineStore('batch', () => {
  const profiles = useProfilesStore()
  const launch = useLaunchStore()
  const app = useAppStore()

  const source = ref<BatchSourceChoice>({ kind: 'form' })
  const rowsFile = ref<{ rowsFileId: string; name: string }>()
  const preview = ref<BatchPreview>()
  const previewing = ref(false)
  /** The rows file's column holding each row's expected outcome; undefined: every row should start. */
  const expectColumn = ref<string>()
  const options = reactive({
    concurrency: useSettingsStore().settings.batchConcurrency,
    ratePerSec: null as number | null,
    maxFailures: null as number | null
  })
  const error = ref<AppError>()
  const busy = ref(false)

  const current = ref<BatchRecord>()
  const live = ref<LiveState>()
  /** Row outcomes by row number; `rows` is rebuilt from it (sorted) when a push arrives. */
  let byRow = new Map<number, RowOutcome>()
  const rows = shallowRef<RowOutcome[]>([])
  const filter = ref<RowFilter>('all')
  const filtered = computed(() => {
    const f = filter.value
    if (f === 'all') return rows.value
    if (f === 'unexpected') return rows.value.filter((r) => r.asExpected === false)
    return rows.value.filter((r) => r.status === f)
  })
  /** Whether the run's rows carry an expected outcome (the run has an expected-outcome column). */
  const judged = computed(() => rows.value.some((r) => r.expected !== undefined))
  /**
   * Rows not as expected: main's count while the run is held, else counted from the rows (a past
   * run read back); undefined for a run without expected outcomes.
   */
  const unexpected = computed(() => {
    const counted = live.value?.counts.unexpected
    if (counted !== undefined) return counted
    return judged.value ? rows.value.filter((r) => r.asExpected === false).length : undefined
  })
  const rerunnable = computed(() => rows.value.filter(isRerunnable).length)
  const running = computed(
    () => live.value?.status === 'running' || live.value?.status === 'paused'
  )
  const past = ref<BatchRecord[]>([])

  let unsubscribe: (() => void) | undefined
  function ensureSubscribed(): void {
    unsubscribe ??= window.flowx.batch.onProgress(applyProgress)
  }

  function applyProgress(progress: BatchProgress): void {
    if (progress.batchId !== current.value?.id) return
    if (progress.rows.length) {
      for (const row of progress.rows) byRow.set(row.row, row)
      rows.value = [...byRow.values()].sort((a, b) => a.row - b.row)
    }
    live.value = liveStateOf(progress)
    if (!running.value) void refresh()
  }

  function take<T>(r: Result<T>): T | undefined {
    if (r.ok) {
      error.value = undefined
      return r.value
    }
    error.value = r.error
    return undefined
  }

  function sourceInput() {
    if (source.value.kind === 'saved') return { kind: 'saved' as const, id: source.value.id }
    const f = launch.form
    return {
      kind: 'form' as const,
      target: {
        mode: f.mode,
        workspaceId: f.workspaceId,
        appId: f.appId,
        buildId: f.buildId,
        processName: f.processName
      },
      payload: f.payload
    }
  }

  function baseInput() {
    const profileId = profiles.activeProfile?.id
    const rowsFileId = rowsFile.value?.rowsFileId
    if (!profileId || !rowsFileId) return undefined
    const column = expectColumn.value
    return {
      profileId,
      rowsFileId,
      source: sourceInput(),
      ...(column ? { expectColumn: column } : {})
    }
  }

  async function pickRows(): Promise<void> {
    const picked = take(await window.flowx.batch.pickRows())
    if (!picked) return
    rowsFile.value = picked
    preview.value = undefined
    previewing.value = true
    try {
      let found = await previewOnce()
      // A new file keeps the expected-outcome column only if it has one of that name.
      const column = expectColumn.value
      if (found && column && !found.columns.includes(column)) {
        expectColumn.value = undefined
        found = await previewOnce()
      }
      preview.value = found
    } finally {
      previewing.value = false
    }
  }

  async function previewOnce(): Promise<BatchPreview | undefined> {
    const input = baseInput()
    return input ? take(await window.flowx.batch.preview(input)) : undefined
  }

  async function runPreview(): Promise<void> {
    if (!baseInput()) return
    previewing.value = true
    try {
      preview.value = await previewOnce()
    } finally {
      previewing.value = false
    }
  }

  /** Choose the expected-outcome column (undefined: none) and preview the rows with it. */
  async function setExpectColumn(column: string | undefined): Promise<void> {
    expectColumn.value = column
    await runPreview()
  }

  function resetRun(batch: BatchRecord): void {
    current.value = batch
    byRow = new Map()
    rows.value = []
    filter.value = 'all'
    live.value = undefined
  }

  /** Start the run; `confirm` is the typed name and count for a protected profile. */
  async function start(confirm?: { name: string; count: number }): Promise<boolean> {
    const input = baseInput()
    if (!input) return false
    ensureSubscribed()
    busy.value = true
    try {
      const batch = take(
        await window.flowx.batch.start({
          ...input,
          concurrency: options.concurrency,
          ...(options.ratePerSec ? { ratePerSec: options.ratePerSec } : {}),
          ...(options.maxFailures ? { maxFailures: options.maxFailures } : {}),
          ...(confirm ? { confirmProfileName: confirm.name, confirmCount: confirm.count } : {})
        })
      )
      if (!batch) return false
      resetRun(batch)
      live.value = { status: 'running', counts: { ...batch, inFlight: 0 }, throughput: 0 }
      return true
    } finally {
      busy.value = false
    }
  }

  async function control(action: 'pause' | 'resume'): Promise<void> {
    const id = current.value?.id
    if (!id) return
    const batch = take(await window.flowx.batch[action]({ id }))
    if (batch && live.value) live.value = { ...live.value, status: batch.status }
  }

  async function cancel(abortInFlight = false): Promise<void> {
    const id = current.value?.id
    if (id) take(await window.flowx.batch.cancel({ id, abortInFlight }))
  }

  /** Rows failed before sending (default), or rows chosen one by one (unknown ones only so). */
  async function rerun(
    chosen?: number[],
    confirm?: { name: string; count: number }
  ): Promise<boolean> {
    const id = current.value?.id
    if (!id) return false
    ensureSubscribed()
    busy.value = true
    try {
      const batch = take(
        await window.flowx.batch.rerunFailed({
          id,
          ...(chosen ? { rows: chosen } : {}),
          ...(confirm ? { confirmProfileName: confirm.name, confirmCount: confirm.count } : {})
        })
      )
      if (!batch) return false
      resetRun(batch)
      live.value = { status: 'running', counts: { ...batch, inFlight: 0 }, throughput: 0 }
      return true
    } finally {
      busy.value = false
    }
  }

  async function exportAs(format: ExportFormat): Promise<string | undefined> {
    const id = current.value?.id
    if (!id) return undefined
    const done = take(await window.flowx.batch.export({ id, format }))
    return done?.path
  }

  /** Fetch the run as main has it (after it ended, or when opening a past run). */
  async function refresh(id = current.value?.id): Promise<void> {
    if (!id) return
    const view = take(await window.flowx.batch.get({ id }))
    if (!view) return
    if (current.value?.id !== id) resetRun(view.batch)
    current.value = view.batch
    byRow = new Map(view.rows.map((r) => [r.row, r]))
    rows.value = view.rows
    const { batch } = view
    live.value = view.live
      ? liveStateOf(view.live)
      : { status: batch.status, counts: { ...batch, inFlight: 0 }, throughput: 0 }
  }

  async function loadPast(): Promise<void> {
    past.value = take(await window.flowx.batch.list()) ?? []
  }

  /** Show a row's ledger entry in History. */
  async function openRow(row: RowOutcome): Promise<void> {
    if (!row.recordId) return
    app.showView('history')
    await useHistoryStore().select(row.recordId)
  }

  return {
    source,
    rowsFile,
    preview,
    previewing,
    expectColumn,
    options,
    error,
    busy,
    current,
    live,
    rows,
    filter,
    filtered,
    judged,
    unexpected,
    rerunnable,
    running,
    past,
    pickRows,
    setExpectColumn,
    runPreview,
    start,
    pause: () => control('pause'),
    resume: () => control('resume'),
    cancel,
    rerun,
    exportAs,
    refresh,
    loadPast,
    openRow,
    applyProgress
  }
})
