/**
 * The batch rows table's columns give way as the list narrows, as History's do: Row, Status, HTTP,
 * the expected outcome (in a run with expected outcomes), Error and the Run again action always;
 * Key and Instance when there is room for them, then Tokens and Duration. A row's history entry has
 * everything. Chosen from the list's width; before it is measured, every column shows.
 */
export type BatchColumn =
  | 'row'
  | 'key'
  | 'status'
  | 'http'
  | 'expected'
  | 'instance'
  | 'tokens'
  | 'duration'
  | 'error'
  | 'action'

type ColumnSet = 'narrow' | 'mid' | 'wide'

interface ColumnSpec {
  name: BatchColumn
  label: string
  /** Its grid track. */
  track: string
  /** The least room it takes, in rem. */
  rem: number
  num?: boolean
  /** The narrowest set that shows it. */
  from: ColumnSet
}

const COLUMNS: readonly ColumnSpec[] = [
  { name: 'row', label: 'Row', track: '3.5rem', rem: 3.5, num: true, from: 'narrow' },
  { name: 'key', label: 'Key', track: '7rem', rem: 7, from: 'mid' },
  { name: 'status', label: 'Status', track: '5.5rem', rem: 5.5, from: 'narrow' },
  { name: 'http', label: 'HTTP', track: '3rem', rem: 3, from: 'narrow' },
  { name: 'expected', label: 'Expected', track: '6rem', rem: 6, from: 'narrow' },
  { name: 'instance', label: 'Instance', track: '6.5rem', rem: 6.5, from: 'mid' },
  { name: 'tokens', label: 'Tokens', track: '3.5rem', rem: 3.5, num: true, from: 'wide' },
  { name: 'duration', label: 'Duration', track: '4.5rem', rem: 4.5, num: true, from: 'wide' },
  // The error takes what is left, and at least enough to read its first words.
  { name: 'error', label: 'Error', track: 'minmax(0, 1fr)', rem: 8, from: 'narrow' },
  { name: 'action', label: '', track: '5.5rem', rem: 5.5, from: 'narrow' }
]

const SETS: readonly ColumnSet[] = ['wide', 'mid', 'narrow']
const SHOWN_IN: Record<ColumnSet, readonly ColumnSet[]> = {
  narrow: ['narrow', 'mid', 'wide'],
  mid: ['mid', 'wide'],
  wide: ['wide']
}
/** Gap between columns and the row's padding on each side (virtual-rows.css, the table's style). */
const GAP_REM = 0.5
const PADDING_REM = 0.75

export interface BatchColumnLayout {
  /** The columns shown, in order. */
  columns: readonly { name: BatchColumn; label: string; num?: boolean }[]
  /** grid-template-columns for them. */
  grid: string
  shows: (name: BatchColumn) => boolean
}

/** The columns for a list `widthPx` wide (0: not measured yet) when 1rem is `remPx`. */
export function batchColumns(widthPx: number, remPx: number, judged: boolean): BatchColumnLayout {
  const available = widthPx / Math.max(1, remPx)
  const inSet = (set: ColumnSet) =>
    COLUMNS.filter((c) => SHOWN_IN[c.from].includes(set) && (judged || c.name !== 'expected'))
  const needs = (columns: readonly ColumnSpec[]) =>
    columns.reduce((sum, c) => sum + c.rem, 0) + GAP_REM * (columns.length - 1) + 2 * PADDING_REM
  const set = widthPx <= 0 ? 'wide' : (SETS.find((s) => needs(inSet(s)) <= available) ?? 'narrow')
  const columns = inSet(set)
  const names = new Set(columns.map((c) => c.name))
  return {
    columns: columns.map(({ name, label, num }) => ({ name, label, ...(num ? { num } : {}) })),
    grid: columns.map((c) => c.track).join(' '),
    shows: (name) => names.has(name)
  }
}
