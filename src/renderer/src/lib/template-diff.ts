/**
 * A side-by-side line diff of what a launch sent and what its replay would send (payload, URL),
 * from jsdiff: unchanged lines face each other, a changed stretch pairs removed lines with added
 * ones, row by row.
 */
import { diffLines } from 'diff'

export interface DiffCell {
  text: string
  /** Removed (left) or added (right). */
  changed: boolean
}

export interface DiffRow {
  left?: DiffCell
  right?: DiffCell
}

function lines(value: string): string[] {
  const out = value.split('\n')
  if (out.at(-1) === '') out.pop()
  return out
}

export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = []
  let removed: string[] = []
  let added: string[] = []
  const flush = (): void => {
    const n = Math.max(removed.length, added.length)
    for (let i = 0; i < n; i++) {
      rows.push({
        ...(i < removed.length ? { left: { text: removed[i], changed: true } } : {}),
        ...(i < added.length ? { right: { text: added[i], changed: true } } : {})
      })
    }
    removed = []
    added = []
  }
  for (const part of diffLines(before, after)) {
    if (part.removed) removed.push(...lines(part.value))
    else if (part.added) added.push(...lines(part.value))
    else {
      flush()
      for (const text of lines(part.value)) {
        rows.push({ left: { text, changed: false }, right: { text, changed: false } })
      }
    }
  }
  flush()
  return rows
}
