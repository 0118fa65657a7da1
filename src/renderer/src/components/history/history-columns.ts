/**
 * History's columns give way as the list narrows: the narrow list keeps Time, Process, Status and
 * Why; Profile and Duration join from 40rem, Mode, Instance and Tokens from 62rem. Chosen from
 * the list's width (one class change when a threshold is crossed), not by container queries, so
 * a scrolled row's style is resolved with the rest of the page rather than during layout.
 */
export type HistoryColumns = 'narrow' | 'mid' | 'wide'

/** The column set for a list `widthPx` wide when 1rem is `remPx`. */
export function historyColumns(widthPx: number, remPx: number): HistoryColumns {
  const rem = widthPx / Math.max(1, remPx)
  if (rem >= 62) return 'wide'
  if (rem >= 40) return 'mid'
  return 'narrow'
}

/** grid-template-columns for each set, in the order the cells are rendered. */
export const HISTORY_GRID: Record<HistoryColumns, string> = {
  narrow: 'minmax(5.5rem, 7rem) minmax(6rem, 1fr) 5.5rem minmax(6rem, 1fr)',
  mid: 'minmax(5.5rem, 7rem) minmax(7rem, 10rem) minmax(6rem, 1.4fr) 5.5rem minmax(6rem, 1fr) 4.5rem',
  wide: 'minmax(5.5rem, 7rem) minmax(7rem, 10rem) 5.5rem minmax(8rem, 1.4fr) 5.5rem minmax(7rem, 1fr) 5.5rem 3.5rem 4.5rem'
}

/** The head's labels for each set. */
export function historyHeads(columns: HistoryColumns): { label: string; num?: boolean }[] {
  const heads: { label: string; num?: boolean; in: HistoryColumns[] }[] = [
    { label: 'Time', in: ['narrow', 'mid', 'wide'] },
    { label: 'Profile', in: ['mid', 'wide'] },
    { label: 'Mode', in: ['wide'] },
    { label: 'Process', in: ['narrow', 'mid', 'wide'] },
    { label: 'Status', in: ['narrow', 'mid', 'wide'] },
    { label: 'Why', in: ['narrow', 'mid', 'wide'] },
    { label: 'Instance', in: ['wide'] },
    { label: 'Tokens', num: true, in: ['wide'] },
    { label: 'Duration', num: true, in: ['mid', 'wide'] }
  ]
  return heads.filter((h) => h.in.includes(columns)).map(({ label, num }) => ({ label, num }))
}
