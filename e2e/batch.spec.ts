/**
 * Batch runs in the app: a 200-row CSV through the launch form, the preview with a row that cannot
 * be sent, the confirmation, live progress, Stop, "Rerun not sent", and CSV and JUnit exports.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { expect, test } from './harness'
import { fillField, setPayload } from './pages'

const ROWS = 200

test('200-row batch from a CSV: preview, progress, stop, rerun not sent, export', async ({
  app
}) => {
  const { page, sandbox, files } = app
  // Slow enough that Stop lands mid-run.
  sandbox.setFaults({ latencyMs: 40 })

  // The launch form holds the template: each row fills {{customerId}} and {{amount}}.
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await setPayload(page, '{"customerId":"{{customerId}}","amount":{{amount}}}')

  const lines = ['customerId,amount']
  for (let i = 1; i <= ROWS; i++) lines.push(i === 7 ? 'C-7,' : `"C-${i}",${i * 10}`)
  lines[7] = 'C-7' // one field short: listed and skipped, never sent
  lines[9] = '"C-9","12,5"' // a decimal comma: sent, as text, and listed
  const csv = join(files.dir, 'customers.csv')
  writeFileSync(csv, `${lines.join('\n')}\n`)
  files.nextPick = csv

  await page.mouse.move(0, 0)
  await page.getByTestId('nav-batch').click()
  await expect(page.getByTestId('view-batch')).toBeVisible()
  await page.getByTestId('batch-pick-rows').click()
  await expect(page.getByTestId('batch-preview-count')).toContainText(
    `${ROWS} rows: ${ROWS - 1} would start a process on Local sandbox, 1 skipped`
  )
  await expect(page.getByTestId('batch-preview-errors')).toContainText('Row 7')
  await expect(page.getByTestId('batch-preview-text-values')).toContainText(
    'Row 9{{amount}} = “12,5”'
  )
  await app.shot('batch-01-preview')
  await page.getByTestId('batch-preview-text-values').scrollIntoViewIfNeeded()
  await app.shot('batch-01-preview-text-values')

  await page.getByTestId('batch-start').click()
  await expect(page.getByTestId('batch-confirm-text')).toContainText(
    `This starts ${ROWS - 1} processes on Local sandbox`
  )
  await app.shot('batch-02-confirm')
  await page.getByTestId('batch-confirm-start').click()

  // Live progress: stop once some rows have started.
  const counts = page.getByTestId('batch-counts')
  await expect(page.getByTestId('batch-progress')).toContainText('Running')
  await expect
    .poll(async () => Number(await counts.locator('dd').first().innerText()), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(20)
  await app.shot('batch-03-running', { a11y: false })
  await page.getByTestId('batch-stop').click()
  await expect(page.getByTestId('batch-progress')).toContainText('Cancelled', { timeout: 30_000 })
  await expect(page.getByTestId('batch-stop-reason')).toContainText('Cancelled by the user.')
  const starts = () => sandbox.requests.filter((r) => r.rawPath.endsWith('/start'))
  const sentFirst = starts().length
  expect(sentFirst).toBeLessThan(ROWS - 1)
  // The counts tell the row that could not be resolved from the rows the stop kept back.
  await expect(page.getByTestId('batch-count-skipped')).toHaveText('1')
  await expect(page.getByTestId('batch-count-not-sent')).toHaveText(`${ROWS - 1 - sentFirst}`)
  await page.getByTestId('batch-filter-not-sent').click()
  await expect(page.getByTestId('batch-row').first()).toHaveAttribute('data-status', 'not-sent')
  await app.shot('batch-04-stopped')

  // Rerun the rows that were never sent: only those go out, each once.
  const rerun = page.getByTestId('batch-rerun-failed')
  await expect(rerun).toContainText(`Rerun ${ROWS - 1 - sentFirst} not sent`)
  await rerun.click()
  await expect(page.getByTestId('batch-confirm-text')).toContainText(
    `This starts ${ROWS - 1 - sentFirst} processes`
  )
  await page.getByTestId('batch-confirm-start').click()
  await expect(page.getByTestId('batch-progress')).toContainText('Finished', { timeout: 60_000 })
  const ids = starts().map((r) => (JSON.parse(r.body) as { customerId: string }).customerId)
  expect(ids).toHaveLength(ROWS - 1)
  expect(new Set(ids).size).toBe(ROWS - 1)
  expect(ids).not.toContain('C-7')
  await page.getByTestId('batch-filter-all').click()
  await app.shot('batch-05-rerun-finished')

  // Exports: CSV and JUnit through the save dialog.
  await page.getByTestId('batch-export-csv').click()
  await expect(page.getByTestId('batch-exported')).toContainText('Saved')
  await page.getByTestId('batch-export-junit').click()
  await expect.poll(() => files.saved.length).toBe(2)
  const junit = readFileSync(files.saved[1] ?? '', 'utf8')
  expect(junit).toContain('<testsuites')
  expect(junit.match(/<testcase /g)?.length).toBe(ROWS - 1 - sentFirst)
  const exportedCsv = readFileSync(files.saved[0] ?? '', 'utf8')
  expect(exportedCsv.split('\r\n')[0]).toContain('row,key,status')
  await page.getByTestId('batch-export-markdown').click()
  await expect.poll(() => files.saved.length).toBe(3)
  expect(files.saved[2]).toMatch(/-results\.md$/)
  expect(readFileSync(files.saved[2] ?? '', 'utf8')).toMatch(/^### ✅ /)

  // A row opens its history entry.
  await page.getByTestId('batch-row').first().click()
  await expect(page.getByTestId('view-history')).toBeVisible()
  await expect(page.getByTestId('history-detail').or(page.getByRole('dialog'))).toBeVisible()
  // The History screen's own spec checks its accessibility.
  await app.shot('batch-06-row-in-history', { a11y: false })
})

test('expected outcomes: rows missing a mandatory param are expected to get 400; a row that is not gets flagged', async ({
  app
}) => {
  const { page, sandbox, files } = app
  // "loan request" needs customerId and amount: a null amount is refused with 400.
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-process', 'loan request')
  await setPayload(page, '{"customerId":"{{customerId}}","amount":{{amount}}}')

  const lines = ['customerId,amount,expect']
  for (let i = 1; i <= 20; i++) {
    if (i % 5 === 0) lines.push(`C-${i},null,400`)
    else lines.push(`C-${i},${i * 10},${i % 2 ? 'started' : ''}`)
  }
  lines.push('C-21,210,40O') // a typo: listed and skipped
  lines.push('C-22,null,') // expected to start, but FlowX refuses it
  const csv = join(files.dir, 'loans.csv')
  writeFileSync(csv, `${lines.join('\n')}\n`)
  files.nextPick = csv

  await page.mouse.move(0, 0)
  await page.getByTestId('nav-batch').click()
  await page.getByTestId('batch-pick-rows').click()
  // Without an expected-outcome column every row should start; the typo is only a value.
  await expect(page.getByTestId('batch-preview-count')).toContainText(
    '22 rows: 22 would start a process on Local sandbox.'
  )
  await expect(page.getByTestId('batch-preview-expectations')).toHaveCount(0)

  // Choose the column from the keyboard: Tab lands on the field its label names, letters choose.
  const select = page.getByTestId('batch-expect')
  await expect(select.locator('option')).toHaveText([
    'None — every row should start',
    'customerId',
    'amount',
    'expect'
  ])
  await expect(select).toHaveValue('')
  await page.getByTestId('batch-pick-rows').focus()
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Expected outcome')).toBeFocused()
  await page.keyboard.type('exp')
  await expect(select).toHaveValue('expect')
  await expect(page.getByTestId('batch-preview-count')).toContainText(
    '22 rows: 21 would be sent to Local sandbox, 1 skipped (not sent).'
  )
  await expect(page.getByTestId('batch-preview-expectations')).toHaveText(
    '17 rows started · 4 rows 400'
  )
  await expect(page.getByTestId('batch-preview-errors')).toContainText(
    'Row 21The expected outcome “40O” is not one of: started, failed'
  )
  await app.shot('batch-08-expect-preview')
  await page.getByTestId('batch-preview-errors').scrollIntoViewIfNeeded()
  await app.shot('batch-08-expect-preview-errors')

  await page.getByTestId('batch-start').click()
  await page.getByTestId('batch-confirm-start').click()
  await expect(page.getByTestId('batch-progress')).toContainText('Finished', { timeout: 60_000 })
  const refused = sandbox.requests.filter((r) => r.rawPath.endsWith('/start'))
  expect(refused).toHaveLength(21)
  await expect(page.getByTestId('batch-count-failed')).toHaveText('5')
  await expect(page.getByTestId('batch-count-unexpected')).toHaveText('1')
  await expect(page.getByTestId('batch-verdict')).toContainText('✗ 1 row')
  const expected = page.getByTestId('batch-row-expected')
  await expect(expected.nth(0)).toHaveText('✓ started')
  await expect(expected.nth(4)).toHaveText('✓ 400')
  // A failure the rows file expected is not offered to run again.
  await expect(page.getByTestId('batch-run-again-5')).toHaveCount(0)
  await app.shot('batch-09-expect-finished')

  // The row not as expected: offered to run again, from its row or, from the keyboard, with the
  // button under the list for the active row (the list's options hold no control).
  await page.getByTestId('batch-filter-unexpected').click()
  await expect(page.getByTestId('batch-row')).toHaveCount(1)
  await expect(page.getByTestId('batch-row-expected')).toHaveText('✗ started')
  await expect(page.getByTestId('batch-run-again-22')).toBeVisible()
  await page.getByTestId('batch-row-list').focus()
  await expect(page.getByRole('button', { name: 'Run row 22 again…' })).toBeVisible()
  await app.shot('batch-09-expect-unexpected-row')

  // The dark theme at the smallest size.
  await page.setViewportSize({ width: 960, height: 640 })
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.getByTestId('batch-setup').scrollIntoViewIfNeeded()
  await app.shot('batch-10-expect-finished-dark-960')
})
