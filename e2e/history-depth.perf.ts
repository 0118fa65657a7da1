/**
 * Benchmark (`npm run bench -- history-depth`, not part of `npm test`): a 100,000-launch ledger,
 * scrolled to its end in the renderer page by page, as a user holding End would. Prints the
 * renderer's main-thread time for the whole walk (Chrome's Performance metrics: script, layout,
 * style) and the long tasks seen; the target is ≤ 2 s of main-thread time. HISTORY_DEPTH
 * overrides the size. e2e/history-depth.spec.ts is the short functional version.
 */
import { availableParallelism, loadavg } from 'node:os'

import { expect, test } from './harness'
import { seedHistory } from './history-seed'

const DEPTH = Number(process.env.HISTORY_DEPTH ?? 100_000)

test(`History scrolls to the end of a ${DEPTH.toLocaleString('en')}-launch ledger`, async ({
  app
}) => {
  test.setTimeout(600_000)
  const { page, core } = app
  await seedHistory(core, DEPTH)

  await page.getByTestId('nav-history').click()
  await expect(page.getByTestId('history-row').first()).toBeVisible()
  // The pointer rests on the list, as for someone scrolling it (left on the nav button, its
  // tooltip stays open and re-measures its place on every scroll, which no user would see).
  const list = page.getByTestId('history-list')
  await list.hover()

  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const metrics = async (): Promise<Record<string, number>> => {
    const { metrics: list } = await cdp.send('Performance.getMetrics')
    return Object.fromEntries(list.map((m) => [m.name, m.value]))
  }
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] }
    w.__longTasks = []
    new PerformanceObserver((entries) => {
      for (const e of entries.getEntries()) w.__longTasks.push(e.duration)
    }).observe({ type: 'longtask', buffered: false })
  })

  const before = await metrics()
  const wallStart = Date.now()
  // Scroll to the bottom, wait for the next page to arrive, again, until the end of history.
  const end = page.getByTestId('history-end')
  let pages = 0
  // Reading attributes only, so the test forces no layout of its own.
  while (!(await end.isVisible())) {
    const count = await list.evaluate((el) => {
      el.scrollTop = el.scrollHeight
      return Number(el.getAttribute('data-count'))
    })
    await page.waitForFunction(
      (prev) => {
        const el = document.querySelector('[data-testid="history-list"]')
        const now = Number(el?.getAttribute('data-count'))
        return now > prev || !!document.querySelector('[data-testid="history-end"]')
      },
      count,
      { timeout: 60_000, polling: 50 }
    )
    pages++
  }
  const wall = Date.now() - wallStart
  const after = await metrics()
  const longTasks = await page.evaluate(
    () => (window as unknown as { __longTasks: number[] }).__longTasks
  )

  await list.evaluate((el) => (el.scrollTop = el.scrollHeight))
  const last = page.getByTestId('history-row').last()
  await expect(last).toHaveAttribute('aria-posinset', String(DEPTH))
  await expect(last).toHaveAttribute('aria-setsize', String(DEPTH))

  const sec = (key: string): number => (after[key] ?? 0) - (before[key] ?? 0)
  const ms = (value: number): string => `${(value * 1000).toFixed(0)} ms`
  const appWork =
    sec('ScriptDuration') +
    sec('V8CompileDuration') +
    sec('LayoutDuration') +
    sec('RecalcStyleDuration')
  console.log(
    [
      `History depth: ${DEPTH} launches in ${pages} pages, ${(wall / 1000).toFixed(1)} s wall clock`,
      `  renderer main thread, the app's work (script, compile, layout, style): ${ms(appWork)}   target ≤ 2000 ms`,
      `    script ${ms(sec('ScriptDuration'))}, layout ${ms(sec('LayoutDuration'))}, style ${ms(sec('RecalcStyleDuration'))}`,
      `  renderer main thread in all (TaskDuration, with the harness's bridge): ${ms(sec('TaskDuration'))}`,
      `  long tasks (> 50 ms): ${longTasks.length}, longest ${Math.round(Math.max(0, ...longTasks))} ms`,
      // Durations are wall time on the renderer's thread: a busy machine stretches them.
      `  load average during the run: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`
    ].join('\n')
  )
})
