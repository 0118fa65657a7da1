/**
 * The testers' workbench: a saved launch with {{variables}} made on the Local sandbox, run on a
 * second profile with its own variables, replayed fresh and to another profile with the diff
 * shown, copied as cURL in each mode, pasted back as cURL into the form, and found again in
 * history by a value inside its payload.
 */
import type { Page } from '@playwright/test'

import { SANDBOX_IDS } from '../src/sandbox'
import { expect, test } from './harness'
import { chooseOption, fillField, openView, send, setPayload } from './pages'

const PAYLOAD = '{"customerId":"{{customerId}}","email":"{{email}}","requestId":"{{$uuid}}"}'

/** Add one row to a variables table. */
async function addVariable(page: Page, prefix: string, name: string, value: string): Promise<void> {
  const rows = page.locator(`[data-testid^="${prefix}-name-"]`)
  const index = await rows.count()
  await page.getByTestId(`${prefix}-add`).click()
  await fillField(page, `${prefix}-name-${index}`, name)
  await fillField(page, `${prefix}-value-${index}`, value)
}

/** Give the selected profile in the editor a variable and save it. */
async function saveProfileVariable(page: Page, name: string, value: string): Promise<void> {
  await addVariable(page, 'profile-vars', name, value)
  await page.getByTestId('profile-save').click()
  await expect(page.getByTestId('profile-save')).toBeDisabled()
}

function lastBody(sandbox: { requests: { body?: string }[] }): Record<string, string> {
  return JSON.parse(sandbox.requests.at(-1)?.body ?? '{}') as Record<string, string>
}

test('save on Local sandbox → run on another profile → replay fresh and to a profile → cURL → paste → find by payload value', async ({
  app
}) => {
  const { page, sandbox } = app
  await expect(page.getByTestId('profile-switcher')).toContainText('Local sandbox')

  // Each environment has its own customer.
  await openView(page, 'profiles')
  await page.getByTestId('profile-item').filter({ hasText: 'Local sandbox' }).click()
  await saveProfileVariable(page, 'customerId', 'C-100')
  await page.getByTestId('profile-new').click()
  await fillField(page, 'profile-name', 'Team staging')
  await fillField(page, 'profile-base-url', sandbox.baseUrl)
  await fillField(page, 'profile-default-workspace', SANDBOX_IDS.workspaceId)
  await fillField(page, 'profile-default-app', SANDBOX_IDS.appId)
  await fillField(page, 'profile-token', sandbox.demoToken)
  await addVariable(page, 'profile-vars', 'customerId', 'C-200')
  await app.shot('workbench-01-profile-variables')
  await page.getByTestId('profile-save').click()
  await expect(page.getByTestId('profile-list')).toContainText('Team staging')

  // A templated launch on the Local sandbox: ids from the profile, a saved default, a built-in.
  await chooseOption(page, 'profile-switcher', 'Local sandbox')
  await openView(page, 'launch')
  await page.getByTestId('mode-workspace').click()
  await fillField(page, 'field-workspace', '{{workspaceId}}')
  await fillField(page, 'field-app', '{{appId}}')
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await setPayload(page, PAYLOAD)
  await page.getByTestId('variables-open').click()
  await addVariable(page, 'vars-default', 'email', 'alice@example.com')
  await expect(page.getByTestId('variables-used')).toContainText('C-100')
  await app.shot('workbench-02-variables')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('variables-drawer')).toBeHidden()

  // Hover a placeholder: its value and where it comes from.
  await page.locator('[data-placeholder="customerId"]').first().hover()
  await expect(page.getByTestId('placeholder-tip')).toContainText('C-100')
  await expect(page.getByTestId('placeholder-tip')).toContainText('profile variable')
  await app.shot('workbench-03-placeholder-hover')

  // Save as, into the library.
  await page.getByTestId('saved-launch-save-as').click()
  await fillField(page, 'save-launch-name', 'New customer')
  await fillField(page, 'save-launch-description', 'Onboards one customer of the environment')
  await app.shot('workbench-04-save-as')
  await page.getByTestId('save-launch-submit').click()
  await expect(page.getByTestId('saved-launch-name')).toContainText('New customer')
  await expect(page.getByTestId('saved-launch-unsaved')).toBeHidden()
  await page.getByTestId('library-toggle').click()
  await expect(page.getByTestId('library-panel')).toContainText('New customer')

  // Preview resolved, then send on the Local sandbox.
  await page.getByTestId('workbench-tools').click()
  await page.getByText('Preview resolved').click()
  await expect(page.getByTestId('preview-url')).toContainText(SANDBOX_IDS.workspaceId)
  await expect(page.getByTestId('preview-resolved')).toContainText('C-100')
  await app.shot('workbench-05-preview-resolved')
  await page.keyboard.press('Escape')
  await send(page)
  await expect(page.getByTestId('result-uuid')).toBeVisible()
  expect(lastBody(sandbox)).toMatchObject({ customerId: 'C-100', email: 'alice@example.com' })
  await app.shot('workbench-06-library-and-result')

  // The same saved launch on the second profile, with its own variables.
  await chooseOption(page, 'profile-switcher', 'Team staging')
  await expect(page.getByTestId('saved-launch-name')).toContainText('New customer')
  await send(page)
  await expect(page.getByTestId('result-uuid')).toBeVisible()
  const staging = lastBody(sandbox)
  expect(staging).toMatchObject({ customerId: 'C-200', email: 'alice@example.com' })

  // Replay fresh from history: a new $uuid, the diff shown before sending.
  await openView(page, 'history')
  await page.getByTestId('history-row').first().click()
  await page.getByTestId('history-replay-menu').click()
  await page.getByText('Replay fresh').click()
  await expect(page.getByTestId('replay-diff')).toContainText('$uuid')
  await app.shot('workbench-07-replay-fresh')
  await page.getByTestId('replay-send').click()
  await expect(page.getByTestId('replay-dialog')).toBeHidden()
  const fresh = lastBody(sandbox)
  expect(fresh.customerId).toBe('C-200')
  expect(fresh.requestId).not.toBe(staging.requestId)

  // Replay to another profile: ids and variables remapped, the change shown.
  await page.getByTestId('history-row').first().click()
  await page.getByTestId('history-replay-menu').click()
  await page.getByText('Replay to another profile').click()
  await page.getByTestId('replay-profile').selectOption({ label: 'Local sandbox' })
  await expect(page.getByTestId('replay-variables')).toContainText('C-200')
  await expect(page.getByTestId('replay-variables')).toContainText('C-100')
  await app.shot('workbench-08-replay-to-profile')
  await page.getByTestId('replay-send').click()
  await expect(page.getByTestId('replay-dialog')).toBeHidden()
  expect(lastBody(sandbox).customerId).toBe('C-100')

  // Copy as cURL in each mode.
  await page.getByTestId('history-row').first().click()
  await page.getByTestId('history-curl').click()
  await expect(page.getByTestId('curl-command')).toContainText('$FLOWX_TOKEN')
  await page.getByTestId('curl-copy-button').click()
  const placeholders = app.clipboard.at(-1) ?? ''
  expect(placeholders).toContain('$FLOWX_TOKEN')
  expect(placeholders).not.toContain(sandbox.demoToken)
  await app.shot('workbench-09-curl-placeholders')
  await page.getByTestId('curl-mode-redacted').click()
  await expect(page.getByTestId('curl-command')).toContainText('••••')
  await expect(page.getByTestId('curl-command')).not.toContainText(sandbox.demoToken)
  await page.getByTestId('curl-mode-resolved').click()
  await expect(page.getByTestId('curl-copy-resolved')).toBeDisabled()
  await page.getByTestId('curl-resolved-understood').click()
  await app.shot('workbench-10-curl-resolved-confirm')
  await page.getByTestId('curl-copy-resolved').click()
  await expect(page.getByTestId('curl-copied')).toContainText('Copied with the real token')
  // The real token went to the clipboard only; the dialog shows the command redacted.
  const token = /Bearer ([\w.-]{20,})'/.exec(app.clipboard.at(-1) ?? '')?.[1]
  expect(token).toBeDefined()
  await expect(page.getByTestId('curl-command')).not.toContainText(token ?? '')
  await page.keyboard.press('Escape')

  // Paste the placeholders command into a blank form.
  await openView(page, 'launch')
  await page.getByTestId('saved-launch-close').click()
  await fillField(page, 'field-process', 'something_else')
  await page.getByTestId('workbench-tools').click()
  await page.getByText('Paste cURL or start URL').click()
  await fillField(page, 'curl-paste-text', placeholders)
  await page.getByTestId('curl-paste-read').click()
  await expect(page.getByTestId('curl-paste-fields')).toContainText('[DOCS]customer_onboarding')
  await app.shot('workbench-11-paste-curl')
  await page.getByTestId('curl-paste-apply').click()
  await expect(page.locator('input[data-testid="field-process"]')).toHaveValue(
    '[DOCS]customer_onboarding'
  )
  await expect(page.getByTestId('payload-editor')).toContainText('C-100')

  // Find the launches by a value inside their payload.
  await openView(page, 'history')
  await fillField(page, 'history-search', 'C-200')
  await expect(page.getByTestId('history-row')).toHaveCount(2)
  await page.getByTestId('history-row').first().click()
  await expect(page.getByTestId('history-payload')).toContainText('C-200')
  // The ledger kept every value the launch was resolved with.
  await expect(page.getByTestId('history-variables')).toContainText('customerId')
  await expect(page.getByTestId('history-variables')).toContainText('$uuid')
  await page.mouse.move(600, 600)
  await app.shot('workbench-12-history-payload-search')
})

test('a value outside quotes that is not JSON is a warning: the launch is still sent', async ({
  app
}) => {
  const { page, sandbox } = app
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  // The profile's app id (a uuid) outside quotes: sent as a string, with a warning.
  await setPayload(page, '{\n  "app": {{appId}},\n  "quoted": "{{appId}}"\n}')
  await expect(page.locator('.cm-lintRange-warning')).toHaveCount(1)
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(0)
  await send(page)
  await expect(page.getByTestId('result-uuid')).toBeVisible()
  const start = sandbox.requests.filter((r) => r.rawPath.endsWith('/start')).at(-1)
  const body = JSON.parse(start?.body ?? '{}') as Record<string, unknown>
  expect(body.app).toBe(body.quoted)
  expect(typeof body.app).toBe('string')
})
