/**
 * Resolving rows and the dry-run preview: every row is resolved and checked before anything is
 * sent (unresolved variable, invalid JSON after resolving, over 1 MB, a bad id). A row with an
 * error is listed and skipped, never sent half-resolved. Rows that send a value as text where the
 * payload has it outside quotes are listed too: they are sent, but a data file rarely means it.
 */
import { parsePayload } from '../../shared/payload'
import { startTargetProblem } from '../../shared/url'
import type { ReadRow } from './rows'
import type { BatchPreview, RowError, RowResolution, RowResolver } from './types'

/** Rows shown resolved in a preview. */
export const PREVIEW_ROWS = 5
/** Row errors kept in a preview; the count goes on past it. */
export const MAX_LISTED_ERRORS = 1000
/** Rows listed for sending a value as text; the count goes on past it. */
export const MAX_LISTED_TEXT_VALUES = 100

/** Resolve one read row and check what would be sent. */
export function resolveRow(read: ReadRow, resolve: RowResolver): RowResolution {
  if (read.error) return { ok: false, row: read.row, errors: [read.error] }
  let result: RowResolution
  try {
    result = resolve(read)
  } catch (error) {
    return {
      ok: false,
      row: read.row,
      errors: [{ kind: 'invalid-row', message: (error as Error).message }]
    }
  }
  if (!result.ok) return result
  const errors: RowError[] = []
  const targetProblem = startTargetProblem(result.resolved.target)
  if (targetProblem) errors.push({ kind: 'invalid-target', message: targetProblem })
  const payload = parsePayload(result.resolved.payload)
  if (!payload.ok) {
    errors.push({
      kind: payload.error.code === 'PAYLOAD_TOO_LARGE' ? 'too-large' : 'invalid-json',
      message: `After resolving: ${payload.error.message}`
    })
  }
  return errors.length ? { ok: false, row: read.row, errors } : result
}

/**
 * Read every row once, resolving each: the count, the first rows, and every row's errors. With
 * `expectColumn` (and a resolver that checks it, withExpectations), the sendable rows are also
 * counted by the outcome they expect.
 */
export async function previewRows(
  rows: AsyncIterable<ReadRow>,
  resolve: RowResolver,
  { sample = PREVIEW_ROWS, expectColumn }: { sample?: number; expectColumn?: string } = {}
): Promise<BatchPreview> {
  const expected = new Map<string, number>()
  const preview: BatchPreview = {
    total: 0,
    sendable: 0,
    first: [],
    errors: [],
    errorCount: 0,
    textValues: [],
    textValueCount: 0,
    columns: []
  }
  for await (const read of rows) {
    if (preview.total === 0) preview.columns = Object.keys(read.values)
    preview.total++
    const result = resolveRow(read, resolve)
    if (result.ok) {
      preview.sendable++
      if (preview.first.length < sample) preview.first.push(result.resolved)
      const { sentAsText, variables, row, expected: label } = result.resolved
      // The resolver read the row's expectation (withExpectations): counted, not read again.
      if (label !== undefined) expected.set(label, (expected.get(label) ?? 0) + 1)
      if (sentAsText) {
        preview.textValueCount++
        if (preview.textValues.length < MAX_LISTED_TEXT_VALUES) {
          const values: Record<string, string> = {}
          for (const name of sentAsText) values[name] = variables[name] ?? ''
          preview.textValues.push({ row, values })
        }
      }
    } else {
      preview.errorCount++
      if (preview.errors.length < MAX_LISTED_ERRORS) {
        preview.errors.push({ row: result.row, errors: result.errors })
      }
    }
  }
  if (expectColumn !== undefined) {
    preview.expectations = [...expected]
      .map(([label, count]) => ({ expected: label, rows: count }))
      .sort((a, b) => b.rows - a.rows || a.expected.localeCompare(b.expected))
  }
  return preview
}
