/**
 * Launch safety: a protected (production) profile frames the window, names itself on Send and asks
 * for its name before a start; the same launch sent again within a minute asks before a second one.
 */
import { SANDBOX_IDS } from '../src/sandbox'
import { expect, test } from './harness'
import { chooseOption, fillField, openView, send, setPayload } from './pages'

const NAME = 'Production'

test('protected profile: frame, named Send, typed confirmation; duplicate warning → send anyway', async ({
  app
}) => {
  const { page, sandbox } = app
  // Process starts only (the build-info panel asks FlowX too, which starts nothing).
  const starts = () => sandbox.requests.filter((r) => r.rawPath.endsWith('/start'))
  await expect(page.getByTestId('profile-switcher')).toContainText('Local sandbox')
  await expect(page.getByTestId('protected-frame')).toHaveCount(0)

  // A production profile pointing at the sandbox, marked protected.
  await openView(page, 'profiles')
  await page.getByTestId('profile-new').click()
  await fillField(page, 'profile-name', NAME)
  await page.getByTestId('profile-color-red').click()
  await fillField(page, 'profile-base-url', sandbox.baseUrl)
  await fillField(page, 'profile-default-workspace', SANDBOX_IDS.workspaceId)
  await fillField(page, 'profile-default-app', SANDBOX_IDS.appId)
  await fillField(page, 'profile-default-build', SANDBOX_IDS.committedBuildId)
  await fillField(page, 'profile-token', sandbox.demoToken)
  await page.getByTestId('profile-protected').click()
  await expect(page.getByTestId('profile-protected')).toHaveAttribute('aria-checked', 'true')
  await page.waitForTimeout(300)
  await app.shot('safety-01-profile-protected')
  await page.getByTestId('profile-save').click()
  await expect(page.getByTestId('profile-list')).toContainText(NAME)

  // Switching to it frames the window and names it in the title and on Send.
  await chooseOption(page, 'profile-switcher', NAME)
  await openView(page, 'launch')
  await expect(page.getByTestId('protected-frame')).toBeVisible()
  await expect(page).toHaveTitle(`FlowX Launcher — ${NAME} (protected)`)
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-process', 'loan request')
  await setPayload(page, '{"customerId":"C-1","amount":25000}')
  await expect(page.getByTestId('send-button')).toContainText(`Start in ${NAME}`)
  await expect(page.getByTestId('send-button')).toBeEnabled()
  await page.mouse.move(0, 0)
  // Let the button finish its colour transition before the picture.
  await page.waitForTimeout(400)
  await app.shot('safety-02-launch-protected')

  // Send asks for the name; nothing goes out until it is typed exactly.
  await page.getByTestId('send-button').click()
  const confirm = page.getByTestId('protected-confirm')
  await expect(confirm).toBeVisible()
  await expect(page.getByTestId('protected-confirm-send')).toBeDisabled()
  await page.getByTestId('protected-confirm-input').fill('production')
  await expect(page.getByTestId('protected-confirm-send')).toBeDisabled()
  await page.getByTestId('protected-confirm-input').fill(NAME)
  await expect(page.getByTestId('protected-confirm-send')).toBeEnabled()
  await app.shot('safety-03-confirm-dialog')
  expect(starts()).toHaveLength(0)
  await page.getByTestId('protected-confirm-send').click()
  await expect(confirm).toBeHidden()
  await expect(page.getByTestId('result-state')).toContainText('STARTED')
  const firstUuid = (await page.getByTestId('result-uuid').innerText()).trim()
  expect(starts()).toHaveLength(1)

  // The same launch again: confirmed, then refused as a duplicate until "send anyway".
  await page.getByTestId('send-button').click()
  await page.getByTestId('protected-confirm-input').fill(NAME)
  await page.getByTestId('protected-confirm-send').click()
  const warning = page.getByTestId('duplicate-warning')
  await expect(warning).toBeVisible()
  await expect(warning).toContainText(firstUuid)
  await expect(warning).toContainText('not idempotent')
  // Let the dialog finish fading in before the picture.
  await page.waitForTimeout(400)
  await app.shot('safety-04-duplicate-warning')
  expect(starts()).toHaveLength(1)
  await page.getByTestId('duplicate-send-anyway').click()
  await expect(warning).toBeHidden()
  await expect(page.getByTestId('result-uuid')).not.toHaveText(firstUuid)
  await expect(page.getByTestId('result-state')).toContainText('STARTED')
  expect(starts()).toHaveLength(2)
  await expect(page.locator('.n-modal')).toHaveCount(0)
  await page.mouse.move(0, 0)
  await app.shot('safety-05-second-instance')

  await openView(page, 'history')
  await expect(page.getByTestId('history-row')).toHaveCount(2)
})

test('a duplicate can be cancelled: nothing more is sent', async ({ app }) => {
  const { page, sandbox } = app
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-process', 'loan request')
  await setPayload(page, '{"customerId":"C-2","amount":900}')
  await expect(page.getByTestId('send-button')).toBeEnabled()
  await send(page)
  await expect(page.getByTestId('result-state')).toContainText('STARTED')
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('duplicate-warning')).toBeVisible()
  await page.getByTestId('duplicate-cancel').click()
  await expect(page.getByTestId('duplicate-warning')).toBeHidden()
  await expect(page.getByTestId('result-state')).toContainText('STARTED')
  expect(sandbox.requests.filter((r) => r.rawPath.endsWith('/start'))).toHaveLength(1)
})
