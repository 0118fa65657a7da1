/**
 * Untrusted text stays text (security.md WIN-2): a launch whose process name and payload carry
 * markup is shown literally in history, nothing runs, the CSP is in force, and the page talks to
 * no origin but its own.
 */
import { SANDBOX_IDS } from '../src/sandbox'
import { expect, test } from './harness'
import { openView } from './pages'

const NAME = '<img src=x onerror="window.__pwned=1">'
const PAYLOAD = JSON.stringify({
  note: '<script>window.__pwned=2</script>',
  html: '<img src=x onerror="window.__pwned=3">'
})

test('markup in a history entry is rendered as text and never runs', async ({ app }) => {
  const { page, core, sandbox } = app
  const origins = new Set<string>()
  page.on('request', (request) => origins.add(new URL(request.url()).origin))
  // Load the app again with the listener on, so every request the page makes is seen.
  await page.reload()

  await core.launches.start(
    {
      profileId: 'xss',
      profileName: 'XSS check',
      profileColor: 'red',
      baseUrl: sandbox.baseUrl,
      platform: 'web',
      token: sandbox.demoToken
    },
    {
      requestId: 'xss1',
      target: {
        mode: 'build',
        appId: SANDBOX_IDS.appId,
        buildId: SANDBOX_IDS.committedBuildId,
        processName: NAME
      },
      payload: PAYLOAD
    }
  )

  await openView(page, 'history')
  const row = page.getByTestId('history-row').first()
  await expect(row).toContainText(NAME)
  await row.click()
  const detail = page.getByTestId('history-detail')
  await expect(detail).toContainText(NAME)
  await expect(detail).toContainText('<script>window.__pwned=2</script>')
  await expect(detail.locator('img')).toHaveCount(0)
  await app.shot('xss-history-detail')

  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()

  // The policy is in force: an injected inline script is blocked and reported.
  const blocked = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; directive: string }>((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (event) =>
            resolve({
              ran: !!(window as { __inline?: number }).__inline,
              directive: event.effectiveDirective
            }),
          { once: true }
        )
        const script = document.createElement('script')
        script.textContent = 'window.__inline = 1'
        document.body.appendChild(script)
      })
  )
  expect(blocked).toEqual({ ran: false, directive: 'script-src-elem' })

  const rendererOrigin = new URL(page.url()).origin
  expect([...origins]).toEqual([rendererOrigin])
})
