/**
 * The first complete flow: create a profile pointing at the sandbox, start a process by build and
 * by workspace, find both in history with their tokens, and read FlowX's own error messages.
 */
import { SANDBOX_IDS } from '../src/sandbox'
import { expect, test } from './harness'
import { chooseOption, fillField, openView, send, sendAgain, setPayload } from './pages'

test('profile → start by build → start by workspace → history → 404 and 401 messages', async ({
  app
}) => {
  const { page, sandbox } = app
  await expect(page.getByTestId('profile-switcher')).toContainText('Local sandbox')
  // The payload editor loads just after the usable form is painted.
  await expect(page.getByTestId('payload-editor').locator('.cm-content')).toBeVisible()
  await app.shot('01-launch-first-run')

  // A profile of our own, pointing at the sandbox like a real environment.
  await openView(page, 'profiles')
  await page.getByTestId('profile-new').click()
  await fillField(page, 'profile-name', 'Demo staging')
  await fillField(page, 'profile-base-url', sandbox.baseUrl)
  await fillField(page, 'profile-default-workspace', SANDBOX_IDS.workspaceId)
  await fillField(page, 'profile-default-app', SANDBOX_IDS.appId)
  await fillField(page, 'profile-default-build', SANDBOX_IDS.committedBuildId)
  await fillField(page, 'profile-token', sandbox.demoToken)
  await app.shot('02-profile-editor')
  await page.getByTestId('profile-save').click()
  await expect(page.getByTestId('profile-list')).toContainText('Demo staging')
  await expect(page.getByTestId('profile-form')).not.toContainText(sandbox.demoToken)

  await chooseOption(page, 'profile-switcher', 'Demo staging')
  await openView(page, 'launch')

  // Start by build, with brackets in the process name.
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await expect(page.getByTestId('url-preview')).toContainText(
    `${sandbox.baseUrl}/api/runtime/app/${SANDBOX_IDS.appId}/build/${SANDBOX_IDS.committedBuildId}/process-name/%5BDOCS%5Dcustomer_onboarding/start`
  )
  await setPayload(page, '{"customerEmail":"ana@example.com"}')
  await send(page)
  const buildUuid = (await page.getByTestId('result-uuid').innerText()).trim()
  expect(buildUuid).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
  await expect(page.getByTestId('tokens-table')).toContainText('ACTIVE')
  await app.shot('03-launch-by-build-started')
  const request = sandbox.requests.filter((r) => r.rawPath.endsWith('/start')).at(-1)
  expect(request?.rawPath).toContain('%5BDOCS%5Dcustomer_onboarding')
  expect(request?.headers.authorization).toBe(`Bearer ${sandbox.demoToken}`)
  expect(JSON.parse(request?.body ?? '{}')).toEqual({ customerEmail: 'ana@example.com' })

  // Start by workspace (active build), a process with parallel tokens.
  await page.getByTestId('mode-workspace').click()
  await fillField(page, 'field-process', 'parallel_checks')
  await send(page)
  const wksUuid = (await page.getByTestId('result-uuid').innerText()).trim()
  await expect(page.getByTestId('tokens-table')).toContainText('WAITING_MESSAGE_EVENT')
  await app.shot('04-launch-by-workspace-started')

  // Both in history, newest first, with their tokens.
  await openView(page, 'history')
  await expect(page.getByTestId('history-row')).toHaveCount(2)
  await expect(page.getByTestId('history-row').first()).toContainText('parallel_checks')
  await page.getByTestId('history-row').nth(1).click()
  await expect(page.getByTestId('history-detail')).toContainText(buildUuid)
  await expect(page.getByTestId('history-detail')).toContainText('%5BDOCS%5Dcustomer_onboarding')
  await expect(page.getByTestId('history-detail').getByTestId('tokens-table')).toContainText(
    'ACTIVE'
  )
  await app.shot('05-history-detail')
  await fillField(page, 'history-search', wksUuid)
  await expect(page.getByTestId('history-row')).toHaveCount(1)
  await expect(page.getByTestId('history-row')).toContainText('parallel_checks')

  // A wrong build: FlowX's 404 message is shown as the server wrote it.
  await openView(page, 'launch')
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-build', SANDBOX_IDS.paymentsBuildId)
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await send(page)
  await expect(page.getByTestId('result-error')).toContainText('NOT_FOUND')
  await expect(page.getByTestId('error-message')).toContainText(
    `Build ${SANDBOX_IDS.paymentsBuildId} does not belong to application ${SANDBOX_IDS.appId}`
  )
  await app.shot('06-launch-error-404')

  // A bad token: the 401 explains itself.
  await openView(page, 'profiles')
  await page.getByTestId('profile-item').filter({ hasText: 'Demo staging' }).click()
  await fillField(page, 'profile-token', 'not-a-valid-token')
  await page.getByTestId('profile-save').click()
  await openView(page, 'launch')
  await fillField(page, 'field-build', SANDBOX_IDS.committedBuildId)
  // The very launch that started a minute ago: the app asks before starting it again.
  await sendAgain(page)
  await expect(page.getByTestId('result-error')).toContainText('UNAUTHORIZED')
  await expect(page.getByTestId('error-message')).not.toBeEmpty()
  await expect(page.getByTestId('error-hint')).toBeVisible()
  await app.shot('07-launch-error-401')
})

test('the Local sandbox profile launches out of the box', async ({ app }) => {
  const { page } = app
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-process', 'loan request')
  await setPayload(page, '{"customerId":"C-1","amount":25000}')
  await send(page)
  await expect(page.getByTestId('result-state')).toContainText('STARTED')
  await page.getByTestId('copy-uuid').click()
  await expect.poll(() => app.clipboard.at(-1)).toMatch(/^[0-9a-f-]{36}$/)
})
