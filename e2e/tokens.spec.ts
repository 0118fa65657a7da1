/**
 * Tokens that never get in the way: a service-account profile on the sandbox's identity provider,
 * the header chip counting down, a launch, the runtime's clock jumping past the token's expiry,
 * and the next launch going through after one renewal — with the secret never on screen.
 */
import { SANDBOX_IDS } from '../src/sandbox'
import { expect, test } from './harness'
import { chooseOption, fillField, openView, send, setPayload } from './pages'

test('client-credentials profile → chip counts down → launch → forced expiry → launch again', async ({
  app
}) => {
  const { page, sandbox } = app

  await openView(page, 'profiles')
  await page.getByTestId('profile-new').click()
  await fillField(page, 'profile-name', 'Service account')
  await fillField(page, 'profile-base-url', sandbox.baseUrl)
  await fillField(page, 'profile-default-workspace', SANDBOX_IDS.workspaceId)
  await fillField(page, 'profile-default-app', SANDBOX_IDS.appId)
  await fillField(page, 'profile-default-build', SANDBOX_IDS.committedBuildId)
  await page.getByTestId('auth-mode-client-credentials').click()
  await fillField(page, 'profile-issuer', sandbox.issuer)
  await fillField(page, 'profile-client-id', SANDBOX_IDS.clientId)
  await fillField(page, 'profile-client-secret', SANDBOX_IDS.clientSecret)
  await app.shot('tokens-01-profile-client-credentials')
  await page.getByTestId('profile-save').click()
  await expect(page.getByTestId('profile-client-secret-state')).toContainText('Set')
  await expect(page.locator('body')).not.toContainText(SANDBOX_IDS.clientSecret)

  // One button checks everything a launch needs.
  await page.getByTestId('profile-check').click()
  const report = page.getByTestId('health-report')
  await expect(report).toBeVisible()
  await expect(report.locator('[data-key="token"]')).toHaveAttribute('data-status', 'ok')
  await expect(report.locator('[data-key="base-url"]')).toHaveAttribute('data-status', 'ok')
  await app.shot('tokens-02-health-check')

  await chooseOption(page, 'profile-switcher', 'Service account')
  await openView(page, 'launch')
  const chip = page.getByTestId('token-chip')
  await expect(chip).toBeVisible()
  await chip.click()
  await page.getByTestId('token-renew').click()
  await expect(chip).toHaveAttribute('data-state', 'valid')
  await expect(chip).toContainText(/Token valid · 0[45]:\d\d/)
  // The countdown ticks: the text changes by itself.
  const first = await chip.innerText()
  await expect.poll(() => chip.innerText(), { timeout: 5_000 }).not.toBe(first)
  await app.shot('tokens-03-chip-valid')
  await page.keyboard.press('Escape')

  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await setPayload(page, '{"customerEmail":"ana@example.com"}')
  await send(page)
  await expect(page.getByTestId('result-uuid')).toBeVisible()
  const starts = () => sandbox.requests.filter((r) => r.rawPath.endsWith('/start'))
  expect(starts()).toHaveLength(1)

  // The runtime's clock jumps past the token's 5 minutes; this computer's does not.
  sandbox.setClockOffset(400)
  await setPayload(page, '{"customerEmail":"bob@example.com"}')
  await send(page)
  await expect(page.getByTestId('result-uuid')).toBeVisible()
  const [, refused, resent] = starts()
  expect(refused?.headers.authorization).not.toBe(resent?.headers.authorization)
  expect(starts()).toHaveLength(3)
  await expect(chip).toHaveAttribute('data-state', 'valid')
  await app.shot('tokens-04-launched-after-renewal')

  await openView(page, 'history')
  await page.getByTestId('history-row').first().click()
  await expect(page.getByTestId('history-retried')).toBeVisible()
  await app.shot('tokens-05-history-retried')
  await expect(page.locator('body')).not.toContainText(SANDBOX_IDS.clientSecret)
})
