/**
 * Visits every screen of the renderer with realistic data from the sandbox and writes a screenshot
 * of each to e2e/screenshots/screens-*.png for visual review. The assertions only make sure each
 * shot shows the state its name promises.
 */
import { SANDBOX_IDS } from '../src/sandbox'
import { expect, test } from './harness'
import { fillField, openView, send, sendAgain, setPayload } from './pages'

test('every screen, in both themes where it matters', async ({ app }) => {
  const { page, sandbox } = app
  // Transitions off, so each shot shows the settled screen rather than a cross-fade.
  await page.emulateMedia({ reducedMotion: 'reduce' })

  // Launch, first run: the Local sandbox is active and its defaults fill the form.
  await expect(page.getByTestId('profile-switcher')).toContainText('Local sandbox')
  await expect(page.getByTestId('result-empty')).toBeVisible()
  // The payload editor loads just after the usable form is painted.
  await expect(page.getByTestId('payload-editor').locator('.cm-content')).toBeVisible()
  await app.shot('screens-01-launch-workspace-empty')

  // Inline validation: a bad id, a firewall-unfriendly name and broken JSON.
  await fillField(page, 'field-app', 'app id with spaces')
  await fillField(page, 'field-process', 'reports/monthly')
  await setPayload(page, '{\n  "customerId": "C-1",\n  "amount": 25000,\n}')
  await expect(page.getByTestId('field-app-error')).toBeVisible()
  await expect(page.getByTestId('send-blocker')).toContainText('Fix the app ID and payload')
  await expect(page.getByTestId('field-process-warning')).toBeVisible()
  await expect(page.getByTestId('payload-error')).toContainText('line 4, column 1')
  await expect(page.getByTestId('payload-editor').locator('.cm-lint-marker-error')).toBeVisible()
  await expect(page.getByTestId('send-button')).toBeDisabled()
  await app.shot('screens-02-launch-validation')

  // By build, started: brackets in the name, a formatted payload.
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-app', SANDBOX_IDS.appId)
  await fillField(page, 'field-process', 'loan request')
  await setPayload(
    page,
    '{"customerId":"C-1042","amount":25000,"currency":"EUR","applicant":{"name":"Ana Popescu","email":"ana@example.com"}}'
  )
  await page.getByTestId('payload-format').click()
  await send(page)
  await expect(page.getByTestId('result-state')).toContainText('STARTED')
  await app.shot('screens-03-launch-build-started')

  // By workspace, started: a parallel gateway with nested tokens.
  await page.getByTestId('mode-workspace').click()
  await fillField(page, 'field-process', 'parallel_checks')
  await setPayload(page, '{"customerId":"C-1042"}')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByTestId('tokens-table')).toContainText('WAITING_MESSAGE_EVENT')
  await app.shot('screens-04-launch-workspace-tokens')

  // FlowX refuses the start: its own message, the hint, the code.
  await fillField(page, 'field-process', 'account_opening')
  await send(page)
  await expect(page.getByTestId('result-error')).toBeVisible()
  await app.shot('screens-05-launch-error')

  // A launch on its way, then cancelled: outcome unknown.
  sandbox.setFaults({ hang: true })
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('cancel-button')).toBeVisible()
  await expect(page.getByTestId('result-in-flight')).toBeVisible()
  // In flight only until the inactivity timeout: no time for the accessibility check here.
  await app.shot('screens-06-launch-in-flight', { a11y: false })
  await page.getByTestId('cancel-button').click()
  await expect(page.getByTestId('result-error')).toContainText('CANCELLED')
  sandbox.setFaults(undefined)

  // The gateway times out: the outcome is unknown and the page it sent is in the details.
  sandbox.setFaults({ failStatus: 504 })
  // The same launch as the cancelled one, whose outcome is unknown: the app asks first.
  await sendAgain(page)
  await expect(page.getByTestId('result-unknown')).toBeVisible()
  await page.getByTestId('result-error').getByText('Details').click()
  await expect(page.getByTestId('error-detail')).toBeVisible()
  await app.shot('screens-07-launch-outcome-unknown')
  sandbox.setFaults(undefined)

  // History: newest first, with the detail of a started launch.
  await openView(page, 'history')
  await expect(page.getByTestId('history-row')).toHaveCount(5)
  await page.getByTestId('history-row').filter({ hasText: 'parallel_checks' }).click()
  await expect(page.getByTestId('history-detail').getByTestId('tokens-table')).toBeVisible()
  await app.shot('screens-08-history-detail')

  // History filtered to failures, detail of the refused start.
  await page.getByTestId('history-filter-status').click()
  await page.locator('.n-base-select-option', { hasText: 'Failed' }).click()
  await expect(page.getByTestId('history-row')).toHaveCount(1)
  await page.getByTestId('history-row').first().click()
  await expect(page.getByTestId('history-detail').getByTestId('result-error')).toBeVisible()
  await app.shot('screens-09-history-failed-filter')

  // Load a past launch back into the form.
  await page.getByTestId('history-replay').click()
  await expect(page.getByTestId('view-launch')).toBeVisible()
  await expect(page.getByTestId('field-process')).toHaveValue('account_opening')

  // Profiles: the built-in sandbox, read-only where the app manages it.
  await openView(page, 'profiles')
  await expect(page.getByTestId('profile-form')).toContainText('Local sandbox')
  await app.shot('screens-10-profiles-sandbox')

  // A new profile with a base URL that needs attention, then saved with a token.
  await page.getByTestId('profile-new').click()
  await fillField(page, 'profile-name', 'Staging (EU)')
  await page.getByTestId('profile-color-amber').click()
  await fillField(page, 'profile-base-url', 'http://flowx.staging.example.com')
  await expect(page.getByTestId('profile-base-url-error')).toBeVisible()
  await app.shot('screens-11-profiles-new-invalid')
  await fillField(page, 'profile-base-url', sandbox.baseUrl)
  await fillField(page, 'profile-default-workspace', SANDBOX_IDS.workspaceId)
  await fillField(page, 'profile-default-app', SANDBOX_IDS.appId)
  await fillField(page, 'profile-token', sandbox.demoToken)
  await page.getByTestId('profile-save').click()
  await expect(page.getByTestId('profile-token-state')).toContainText(
    'Set — encrypted with the OS keychain'
  )
  await expect(page.getByTestId('profile-form')).not.toContainText(sandbox.demoToken)
  await app.shot('screens-12-profiles-saved')

  // Switch environment: the header takes the profile's colour.
  await page.getByTestId('profile-activate').click()
  await expect(page.getByTestId('profile-switcher')).toContainText('Staging (EU)')
  await openView(page, 'launch')
  await app.shot('screens-13-launch-other-profile')

  // The other theme: the harness's system preference is light, so the toggle turns it dark.
  await page.getByTestId('theme-toggle').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await openView(page, 'history')
  await page.getByTestId('history-row').first().click()
  await app.shot('screens-14-history-dark')
  await openView(page, 'launch')
  await app.shot('screens-15-launch-dark')
})
