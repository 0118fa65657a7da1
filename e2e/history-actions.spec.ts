/**
 * History actions end to end: delete a launch (button and Delete key) with "Deleted · Undo", and
 * export the filtered launches as CSV and JSON through the save dialog.
 */
import { readFileSync } from 'node:fs'

import { expect, test } from './harness'
import { fillField, openView, send, sendAgain } from './pages'

test('history: delete with undo, Delete key, export filtered as CSV and JSON', async ({ app }) => {
  const { page, files } = app
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await send(page)
  await sendAgain(page)
  const uuid = (await page.getByTestId('result-uuid').textContent())?.trim() ?? ''

  await openView(page, 'history')
  const rows = page.getByTestId('history-row')
  await expect(rows).toHaveCount(2)
  await rows.first().click()
  await expect(page.getByTestId('history-detail')).toContainText('Response')

  // Delete, then Undo: the launch is back and selected.
  await page.getByTestId('history-delete').click()
  await expect(page.getByTestId('history-undo-toast')).toHaveText('Deleted · Undo')
  await expect(rows).toHaveCount(1)
  await app.shot('history-actions-01-deleted')
  await page.getByTestId('history-undo').click()
  await expect(rows).toHaveCount(2)
  await expect(page.getByTestId('history-detail')).toContainText('Response')

  // The Delete key on the selected row.
  await rows.first().click()
  await page.getByTestId('history-list').focus()
  await page.keyboard.press('Delete')
  await expect(rows).toHaveCount(1)
  await page.getByTestId('history-undo').click()
  await expect(rows).toHaveCount(2)

  // Export… with a filter: only the matching launch goes to the file.
  await fillField(page, 'history-search', uuid)
  await expect(rows).toHaveCount(1)
  await page.getByTestId('history-export').click()
  await page.getByTestId('history-export-csv').click()
  await expect.poll(() => files.saved.length).toBe(1)
  const csv = readFileSync(files.saved[0]!, 'utf8')
  expect(csv).toContain(uuid)
  // One launch (a quoted payload may span lines): one status field.
  expect(csv.match(/,started,/g)).toHaveLength(1)
  await expect(page.getByText(/Exported 1 launch to /)).toBeVisible()
  await app.shot('history-actions-02-exported')

  await page.getByTestId('history-export').click()
  await page.getByTestId('history-export-json').click()
  await expect.poll(() => files.saved.length).toBe(2)
  const json = JSON.parse(readFileSync(files.saved[1]!, 'utf8')) as unknown
  expect(JSON.stringify(json)).toContain(uuid)
})
