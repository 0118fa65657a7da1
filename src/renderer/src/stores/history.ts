/**
 * The launch ledger as pages from main (STYLE.md A10): filters, cursor paging and the selected
 * record. Nothing is filtered here; core does the searching.
 *
 * Depth: a page is appended in O(page) (the ids seen are kept in a Set that only grows by the
 * page), rows are plain objects in a shallowRef (Vue does not make 100,000 rows reactive).
 */
import type {
  HistoryExport,
  HistoryQuery,
  LaunchRecord,
  LaunchStatus,
  LaunchSummary
} from '@shared/domain'
import type { AppError, Result } from '@shared/errors'
import { defineStore } from 'pinia'
import { computed, markRaw, reactive, ref, shallowRef, triggerRef, watch } from 'vue'

export const HISTORY_PAGE_SIZE = 100
/** Pages grow (100, 200, 400, 500…) as the user keeps scrolling, up to the ledger's maximum. */
export const HISTORY_MAX_PAGE_SIZE = 500
/** Typing in a filter waits this long before searching. */
export const HISTORY_SEARCH_DELAY_MS = 250
const DAY_MS = 24 * 60 * 60 * 1000

export interface HistoryFilters {
  profileId: string | null
  processName: string
  status: LaunchStatus | null
  text: string
  /** Ticket reference, matched exactly. */
  ticket: string
  /** Local-midnight timestamps of the first and last day, both included. */
  range: [number, number] | null
}

function blankFilters(): HistoryFilters {
  return { profileId: null, processName: '', status: null, text: '', ticket: '', range: null }
}

/** The ledger query the filters describe. */
export function queryOf(
  filters: HistoryFilters,
  cursor?: string,
  limit = HISTORY_PAGE_SIZE
): HistoryQuery {
  const q: HistoryQuery = { limit }
  if (filters.profileId) q.profileId = filters.profileId
  if (filters.processName.trim()) q.processName = filters.processName.trim()
  if (filters.status) q.status = filters.status
  if (filters.text.trim()) q.text = filters.text.trim()
  if (filters.ticket.trim()) q.ticket = filters.ticket.trim()
  if (filters.range) {
    q.from = new Date(filters.range[0]).toISOString()
    q.to = new Date(filters.range[1] + DAY_MS).toISOString()
  }
  if (cursor) q.cursor = cursor
  return q
}

export const useHistoryStore = defineStore('history', () => {
  const filters = reactive<HistoryFilters>(blankFilters())
  /** The rows listed so far; appended in place (triggerRef), never copied. */
  const items = shallowRef<LaunchSummary[]>([])
  /** Ids of `items`, so an overlapping page adds no duplicate; grows with each page only. */
  let seen = new Set<string>()
  /** The size of the last page asked for: doubles with each page, back to the first on a search. */
  let pageLimit = HISTORY_PAGE_SIZE
  const nextCursor = ref<string>()
  const loading = ref(false)
  const loadingMore = ref(false)
  const loaded = ref(false)
  const error = ref<AppError>()

  const selectedId = ref<string>()
  const selected = ref<LaunchRecord>()
  const detailLoading = ref(false)
  const detailError = ref<AppError>()
  const processNames = ref<string[]>([])

  const hasMore = computed(() => !!nextCursor.value)
  const filtered = computed(
    () => JSON.stringify(queryOf(filters)) !== JSON.stringify(queryOf(blankFilters()))
  )

  let searchSeq = 0
  let searchTimer: ReturnType<typeof setTimeout> | undefined

  /** Load the first page for the current filters, newest first. */
  async function search(): Promise<void> {
    if (searchTimer) clearTimeout(searchTimer)
    searchTimer = undefined
    const seq = ++searchSeq
    loading.value = true
    const r = await window.flowx.history.search(queryOf(filters))
    if (seq !== searchSeq) return
    loading.value = false
    loaded.value = true
    if (!r.ok) {
      error.value = r.error
      return
    }
    error.value = undefined
    seen = new Set()
    pageLimit = HISTORY_PAGE_SIZE
    const rows: LaunchSummary[] = []
    appendNew(rows, r.value.items)
    items.value = rows
    nextCursor.value = r.value.nextCursor
    // A search that no longer lists the selected launch leaves nothing selected.
    if (selectedId.value && !seen.has(selectedId.value)) clearSelection()
  }

  /** Append the next page, if there is one. */
  async function loadMore(): Promise<void> {
    const cursor = nextCursor.value
    if (!cursor || loadingMore.value || loading.value) return
    const seq = searchSeq
    loadingMore.value = true
    pageLimit = Math.min(HISTORY_MAX_PAGE_SIZE, pageLimit * 2)
    const r = await window.flowx.history.search(queryOf(filters, cursor, pageLimit))
    loadingMore.value = false
    if (seq !== searchSeq) return
    if (!r.ok) {
      error.value = r.error
      return
    }
    appendNew(items.value, r.value.items)
    triggerRef(items)
    nextCursor.value = r.value.nextCursor
  }

  /** Push the rows of a page not seen yet onto `rows`: O(page). */
  function appendNew(rows: LaunchSummary[], page: LaunchSummary[]): void {
    for (const row of page) {
      if (seen.has(row.id)) continue
      seen.add(row.id)
      rows.push(markRaw(row))
    }
  }

  /** Search again once the user stops typing. */
  function scheduleSearch(): void {
    if (searchTimer) clearTimeout(searchTimer)
    searchTimer = setTimeout(() => void search(), HISTORY_SEARCH_DELAY_MS)
  }

  watch(filters, scheduleSearch, { deep: true })

  function resetFilters(): void {
    Object.assign(filters, blankFilters())
  }

  /** Fetch one whole record for the detail pane. */
  async function select(id: string): Promise<void> {
    selectedId.value = id
    detailLoading.value = true
    detailError.value = undefined
    const r = await window.flowx.history.get({ id })
    if (selectedId.value !== id) return
    detailLoading.value = false
    if (r.ok) selected.value = r.value
    else {
      selected.value = undefined
      detailError.value = r.error
    }
  }

  function clearSelection(): void {
    selectedId.value = undefined
    selected.value = undefined
    detailError.value = undefined
  }

  /**
   * Hide the selected launch from the history (core keeps it an hour for `restore`). The row
   * leaves the list and nothing is selected after.
   */
  async function removeSelected(): Promise<Result<LaunchRecord> | undefined> {
    const id = selectedId.value
    if (!id) return undefined
    const r = await window.flowx.history.delete({ id })
    if (!r.ok) return r
    if (seen.delete(id)) {
      items.value = items.value.filter((row) => row.id !== id)
    }
    if (selectedId.value === id) clearSelection()
    return r
  }

  /** Undo a delete: the launch is listed again (in its place by time) and selected. */
  async function restore(id: string): Promise<Result<LaunchRecord>> {
    const r = await window.flowx.history.restore({ id })
    if (!r.ok) return r
    await search()
    await select(id)
    return r
  }

  /** Every launch the filters match (not only the pages loaded), as CSV or JSON, to a file. */
  function exportFiltered(format: 'csv' | 'json'): Promise<Result<HistoryExport>> {
    const { limit: _limit, cursor: _cursor, ...query } = queryOf(filters)
    return window.flowx.history.export({ format, query })
  }

  /** Process names for the filter's suggestions (all profiles, or the filtered one). */
  async function loadProcessNames(): Promise<void> {
    const r = await window.flowx.history.processNames(
      filters.profileId ? { profileId: filters.profileId } : {}
    )
    if (r.ok) processNames.value = r.value
  }

  return {
    filters,
    items,
    nextCursor,
    hasMore,
    filtered,
    loading,
    loadingMore,
    loaded,
    error,
    selectedId,
    selected,
    detailLoading,
    detailError,
    processNames,
    search,
    loadMore,
    scheduleSearch,
    resetFilters,
    select,
    clearSelection,
    removeSelected,
    restore,
    exportFiltered,
    loadProcessNames
  }
})
