/**
 * History at depth, the functional part: a 2,000-launch ledger walked to its end page by page.
 * Paging reaches the last launch, and the list stays virtual (only the rows in view exist). The
 * 100,000-launch walk with its timings is a benchmark: e2e/history-depth.perf.ts.
 */
import { expect, test } from './harness'
import { seedHistory } from './history-seed'

const DEPTH = 2_000

test('History pages to the end of a 2,000-launch ledger and renders only the rows in view', async ({
  app
}) => {
  const { page, core } = app
  await seedHistory(core, DEPTH)

  await page.getByTestId('nav-history').click()
  await expect(page.getByTestId('history-row').first()).toBeVisible()
  const list = page.getByTestId('history-list')
  const rows = page.getByTestId('history-row')
  const end = page.getByTestId('history-end')
  const rendered: number[] = []

  // Scroll to the bottom, wait for the next page, again, until the end of history.
  while (!(await end.isVisible())) {
    const count = Number(await list.getAttribute('data-count'))
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect
      .poll(async () => Number(await list.getAttribute('data-count')) > count || end.isVisible())
      .toBe(true)
    rendered.push(await rows.count())
  }

  await expect(list).toHaveAttribute('data-count', String(DEPTH))
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight))
  const last = rows.last()
  await expect(last).toHaveAttribute('aria-posinset', String(DEPTH))
  await expect(last).toHaveAttribute('aria-setsize', String(DEPTH))
  // Virtual: a screenful and its overscan, never the pages loaded so far.
  expect(Math.max(...rendered)).toBeLessThan(100)
  await expect(rows.first()).not.toHaveAttribute('aria-posinset', '1')

  // Home goes back to the newest launch, End to the oldest, from the keyboard.
  await list.focus()
  await page.keyboard.press('Home')
  await expect(page.locator('[data-testid="history-row"][aria-posinset="1"]')).toBeVisible()
  await page.keyboard.press('End')
  await expect(page.locator(`[data-testid="history-row"][aria-posinset="${DEPTH}"]`)).toBeVisible()
})
