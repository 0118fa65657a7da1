/**
 * Presenters and support staff, end to end against the sandbox: the active build before launching,
 * ids from a pasted Designer link, a ticket on the launch and its report, demo mode (with the
 * canary over every screen's text), the command palette, and a playlist presented step by step.
 * Screenshots at 100 % and at 150 % type go to e2e/screenshots/presenter-*.png.
 */
import type { Page } from '@playwright/test'

import { SANDBOX_IDS } from '../src/sandbox'
import { expect, test, type AppFixture } from './harness'
import { fillField, openView, send } from './pages'

const FULL_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

/** Paste text into the input behind a test id, as the clipboard would. */
async function pasteInto(page: Page, testId: string, text: string): Promise<void> {
  const input = page
    .getByTestId(testId)
    .locator('input')
    .or(page.locator(`input[data-testid="${testId}"]`))
    .first()
  await input.focus()
  await input.evaluate((el, value) => {
    const data = new DataTransfer()
    data.setData('text/plain', value)
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
    )
  }, text)
}

function field(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"]`)
}

/**
 * Every text the screen shows: rendered text, field values and the window title. A field drawn as
 * dots (a password, or demo mode's hidden paste box) shows no text.
 */
async function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const shown = (el: Element) =>
      (el as HTMLInputElement).type !== 'password' &&
      getComputedStyle(el).getPropertyValue('-webkit-text-security') !== 'disc'
    const values = [...document.querySelectorAll('input, textarea')]
      .filter(shown)
      .map((el) => (el as HTMLInputElement).value)
    return [document.title, document.body.innerText, ...values].join('\n')
  })
}

/** The demo canary: nothing on screen names a host, a base URL, a token or a whole uuid. */
async function expectNothingRevealed(app: AppFixture, secrets: string[], where: string) {
  const text = await screenText(app.page)
  const host = new URL(app.sandbox.baseUrl).host
  for (const secret of [app.sandbox.baseUrl, host, '127.0.0.1', 'localhost', ...secrets]) {
    expect(text.includes(secret), `${where} shows ${secret}`).toBe(false)
  }
  expect(text.match(FULL_UUID)?.[0], `${where} shows a whole uuid`).toBeUndefined()
}

async function selectFirstHistoryRow(page: Page): Promise<void> {
  await openView(page, 'history')
  await page.getByTestId('history-row').first().click()
  await expect(page.getByTestId('history-detail')).toContainText('Response')
}

test('support: active build, ids from a Designer link, a ticket on the launch and its report', async ({
  app
}) => {
  const { page } = app
  await expect(page.getByTestId('profile-switcher')).toContainText('Local sandbox')

  // By workspace: the build FlowX will use, asked when the ids are there.
  await expect(page.getByTestId('build-info-status')).toHaveText(/COMMITTED|WORK_IN_PROGRESS/)
  const activeBuild = (await page.getByTestId('build-info-id').innerText()).trim()
  expect(activeBuild).toMatch(FULL_UUID)
  await app.shot('presenter-01-active-build')

  // By build: "Use the active build" fills the build id.
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-build', '')
  await page.getByTestId('build-info-use').click()
  await expect(field(page, 'field-build')).toHaveValue(activeBuild)
  await page.getByTestId('mode-workspace').click()

  // A Designer link pasted into the App ID fills both ids, each by where it stood.
  await fillField(page, 'field-workspace', '')
  await pasteInto(
    page,
    'field-app',
    `https://designer.example.com/workspaces/${SANDBOX_IDS.workspaceId}/projects/${SANDBOX_IDS.appId}/definitions`
  )
  await expect(field(page, 'field-app')).toHaveValue(SANDBOX_IDS.appId)
  await expect(field(page, 'field-workspace')).toHaveValue(SANDBOX_IDS.workspaceId)
  // Text with two unlabelled uuids: the field asks which one.
  await pasteInto(page, 'field-app', `ids: ${SANDBOX_IDS.paymentsAppId} ${SANDBOX_IDS.appId}`)
  const chooser = page.getByTestId('field-app-choose')
  await expect(chooser).toBeVisible()
  await app.shot('presenter-02-id-chooser')
  await chooser.getByRole('button', { name: new RegExp(SANDBOX_IDS.appId) }).click()
  await expect(field(page, 'field-app')).toHaveValue(SANDBOX_IDS.appId)
  await page.getByTestId('field-app-tip').click()
  await expect(page.getByTestId('field-app-tip-text')).toContainText('Where do I find the App ID?')
  await page.keyboard.press('Escape')

  // A wrong app id: FlowX's 404 says which id.
  const wrong = '00000000-0000-4000-8000-000000000000'
  await fillField(page, 'field-app', wrong)
  await expect(page.getByTestId('build-info-error')).toBeVisible()
  await fillField(page, 'field-app', SANDBOX_IDS.appId)
  await expect(page.getByTestId('build-info-status')).toBeVisible()

  // A ticket and a note go with the launch.
  await page.getByTestId('ticket-toggle').click()
  await fillField(page, 'field-ticket', 'SUP-1234')
  await fillField(page, 'field-note', 'Customer says onboarding stalls at step 2')
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await send(page)

  // History: the ticket on the entry, the filter, the report, the instance's build.
  await selectFirstHistoryRow(page)
  await expect(page.getByTestId('history-ticket')).toHaveText('SUP-1234')
  await expect(page.getByTestId('history-note')).toContainText('stalls at step 2')
  await fillField(page, 'history-filter-ticket', 'SUP-1234')
  await expect(page.getByTestId('history-row')).toHaveCount(1)
  await page.getByTestId('history-build-info').click()
  await expect(page.getByTestId('history-build')).toContainText(/COMMITTED|WORK_IN_PROGRESS/)
  await page.getByTestId('history-report').click()
  const preview = page.getByTestId('report-preview')
  await expect(preview).toContainText('SUP-1234')
  await expect(preview).toContainText('customer_onboarding')
  await app.shot('presenter-03-report-markdown')
  await page.getByTestId('report-copy').click()
  await expect(page.getByTestId('report-done')).toContainText('Copied')
  expect(app.clipboard.at(-1)).toContain('SUP-1234')
  await page.getByTestId('report-format-html').click()
  await page.getByTestId('report-save').click()
  await expect(page.getByTestId('report-done')).toContainText('Saved')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('report-dialog')).toBeHidden()
})

test('demo mode: one switch hides hosts, tokens and whole uuids on every screen (canary)', async ({
  app
}) => {
  const { page, sandbox, core } = app
  // A profile with a pasted token, and a launch in the history.
  await core.handlers['profiles:save']({
    name: 'Staging',
    color: 'amber',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    defaults: {
      workspaceId: SANDBOX_IDS.workspaceId,
      appId: SANDBOX_IDS.appId,
      buildId: SANDBOX_IDS.committedBuildId
    },
    auth: { mode: 'bearer' },
    secrets: { token: { action: 'set', value: sandbox.demoToken } }
  } as never)
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await send(page)
  // No tooltip left over from the click in the screenshots.
  await page.mouse.move(0, 0)
  await app.shot('presenter-04-launch-100')

  await page.keyboard.press('ControlOrMeta+Shift+D')
  await expect(page).toHaveTitle(/Demo mode/)
  await expect(page.getByTestId('result-uuid')).toHaveText(/^[0-9a-f]{8}…$/)
  const secrets = [sandbox.demoToken]
  await expectNothingRevealed(app, secrets, 'Launch')
  await app.shot('presenter-05-launch-demo-150')

  await selectFirstHistoryRow(page)
  await expectNothingRevealed(app, secrets, 'History')
  await app.shot('presenter-06-history-demo-150')
  // Type stays at 150 % through view changes and the theme checks of the screenshot.
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
    '24px'
  )

  await openView(page, 'profiles')
  await page.getByTestId('profile-list').getByText('Staging').click()
  await expect(page.getByTestId('profile-demo-hidden')).toBeVisible()
  await expectNothingRevealed(app, secrets, 'Profiles')
  await page.getByTestId('profile-check').click()
  await expect(page.getByText('Connection check')).toBeVisible()
  await expectNothingRevealed(app, secrets, 'Profiles with a health report')

  await page.getByTestId('nav-playlists').click()
  await expect(page.getByTestId('view-playlists')).toBeVisible()
  await expectNothingRevealed(app, secrets, 'Playlists')

  await page.getByTestId('nav-batch').click()
  await expect(page.getByTestId('view-batch')).toBeVisible()
  await expectNothingRevealed(app, secrets, 'Batch')

  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('view-settings')).toBeVisible()
  await expectNothingRevealed(app, secrets, 'Settings')

  await selectFirstHistoryRow(page)
  await page.getByTestId('history-report').click()
  await expect(page.getByTestId('report-preview')).toBeVisible()
  await expectNothingRevealed(app, secrets, 'Report preview')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('report-dialog')).toBeHidden()

  // The workbench dialogs: replay (its URL and payload diff), Copy as cURL, Paste cURL.
  await page.getByTestId('history-replay-menu').click()
  await page.getByText('Replay fresh').click()
  await expect(page.getByTestId('replay-diff')).toBeVisible()
  await expect(page.getByTestId('replay-url')).toContainText('‹host›')
  await expectNothingRevealed(app, secrets, 'Replay dialog')
  await app.shot('presenter-07b-replay-demo-150')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('replay-dialog')).toBeHidden()

  await page.getByTestId('history-curl').click()
  await expect(page.getByTestId('curl-command')).toContainText('curl')
  await expectNothingRevealed(app, secrets, 'Copy as cURL')
  await page.getByTestId('curl-copy-button').click()
  // The copy itself is the real command (an explicit act); only the screen is masked.
  const copied = app.clipboard.at(-1) ?? ''
  expect(copied).toContain(sandbox.baseUrl)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('curl-copy')).toBeHidden()

  await openView(page, 'launch')
  await page.getByTestId('workbench-tools').click()
  await page.getByText('Paste cURL or start URL').click()
  // What a browser's devtools copy holds: the host, a live token, whole uuids.
  await fillField(page, 'curl-paste-text', copied.replace('$FLOWX_TOKEN', sandbox.demoToken))
  await page.getByTestId('curl-paste-read').click()
  await expect(page.getByTestId('curl-paste-fields')).toContainText('customer_onboarding')
  await expect(page.getByTestId('curl-paste-hidden')).toBeVisible()
  await expectNothingRevealed(app, secrets, 'Paste cURL')
  await app.shot('presenter-07c-curl-paste-demo-150')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('curl-paste')).toBeHidden()

  await page.getByTestId('token-chip').click()
  await expect(page.getByTestId('token-details')).toBeVisible()
  await expectNothingRevealed(app, secrets, 'Token details')
  await page.keyboard.press('Escape')

  await page.keyboard.press('ControlOrMeta+k')
  await page.getByTestId('palette-input').fill(SANDBOX_IDS.appId.slice(0, 8))
  await expect(page.getByTestId('palette-option').first()).toBeVisible()
  await expectNothingRevealed(app, secrets, 'Palette')
  await page.keyboard.press('Escape')

  // Off again: the real values are back, and demo mode was not remembered.
  await page.getByTestId('demo-toggle').click()
  await expect(page).not.toHaveTitle(/Demo mode/)
  await page.reload()
  await expect(page.getByTestId('profile-switcher')).toBeVisible()
  await expect(page).not.toHaveTitle(/Demo mode/)
})

test('command palette: keyboard only, fuzzy, recent first, history by uuid', async ({ app }) => {
  const { page } = app
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await send(page)
  const uuid = (await page.getByTestId('result-uuid').innerText()).trim()

  await page.keyboard.press('ControlOrMeta+k')
  const input = page.getByTestId('palette-input')
  await expect(input).toBeFocused()
  await input.fill('tgl dmo')
  await expect(page.getByTestId('palette-option').first()).toContainText('Toggle demo mode')
  await app.shot('presenter-07-palette')
  await page.keyboard.press('Enter')
  await expect(page).toHaveTitle(/Demo mode/)

  await page.keyboard.press('ControlOrMeta+k')
  // The action just used comes first.
  await expect(page.getByTestId('palette-option').first()).toContainText('Toggle demo mode')
  await page.keyboard.press('Enter')
  await expect(page).not.toHaveTitle(/Demo mode/)

  // A past launch, found by its instance uuid, opens in History.
  await page.keyboard.press('ControlOrMeta+k')
  await input.fill(uuid.slice(0, 13))
  const hit = page.getByTestId('palette-option').first()
  await expect(hit).toHaveAttribute('data-kind', 'launch')
  await expect(hit).toContainText('customer_onboarding')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('view-history')).toBeVisible()
  await expect(page.getByTestId('history-detail')).toContainText(uuid)

  // Check connection from the palette.
  await page.keyboard.press('ControlOrMeta+k')
  await input.fill('check conn')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('palette-check')).toContainText('Connection check')
  await page.keyboard.press('Escape')
})

test('playlists: edit, present step by step with → and the result large, rehearse on the sandbox', async ({
  app
}) => {
  const { page, core } = app
  for (const [name, processName] of [
    ['new-customer', '[DOCS]customer_onboarding'],
    ['missing-process', 'no_such_process']
  ]) {
    await core.handlers['library:save']({
      launch: {
        name,
        description: '',
        tags: [],
        target: {
          mode: 'workspace',
          workspaceId: '{{workspaceId}}',
          appId: '{{appId}}',
          buildId: '',
          processName
        },
        payload: '{"customerEmail":"ana@example.com"}',
        variables: {},
        ticket: '',
        notes: ''
      }
    } as never)
  }

  await page.getByTestId('nav-playlists').click()
  await page.getByTestId('playlist-new').click()
  await fillField(page, 'playlist-name', 'Onboarding story')
  await page.getByTestId('playlist-add-step').click()
  await page.getByTestId('playlist-step-1-launch').selectOption('new-customer')
  await fillField(page, 'playlist-step-1-title', 'A new customer signs up')
  await fillField(page, 'playlist-step-1-notes', 'Point at the instance uuid and the token.')
  await page.getByTestId('playlist-add-step').click()
  await page.getByTestId('playlist-step-2-launch').selectOption('missing-process')
  await fillField(page, 'playlist-step-2-title', 'What a wrong process name looks like')
  await page.getByTestId('playlist-save').click()
  await expect(page.getByTestId('playlist-saved')).toContainText('onboarding-story.playlist.json')
  await app.shot('presenter-08-playlist-editor')

  await page.getByTestId('playlist-present').click()
  const presenter = page.getByTestId('presenter')
  await expect(presenter).toBeVisible()
  await expect(page.getByTestId('presenter-title')).toHaveText('A new customer signs up')
  await app.shot('presenter-09-step-before')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('presenter-headline')).toHaveText('Started')
  await app.shot('presenter-10-step-started-100')
  await page.keyboard.press('q')
  await expect(page.getByTestId('presenter-request-panel')).toContainText('POST')

  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('presenter-count')).toHaveText('Step 2 of 2')
  await page.keyboard.press(' ')
  await expect(page.getByTestId('presenter-headline')).toHaveText('Failed')
  const startsBefore = app.sandbox.requests.length
  // → never retries a failed step; only R (or the button) does.
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('presenter-retry')).toBeVisible()
  expect(app.sandbox.requests.length).toBe(startsBefore)

  await page.keyboard.press('ControlOrMeta+Shift+D')
  await expect(page.getByTestId('presenter-error')).toBeVisible()
  await expectNothingRevealed(app, [], 'Presenter')
  await app.shot('presenter-11-step-failed-demo-150')
  await page.keyboard.press('ControlOrMeta+Shift+D')

  await page.getByTestId('presenter-rehearse').click()
  // Step 1 started a moment ago: the duplicate guard asks before it is sent again.
  await expect(page.getByTestId('duplicate-warning')).toBeVisible()
  await page.getByTestId('duplicate-send-anyway').click()
  await expect(page.getByTestId('presenter-rehearsal')).toContainText(
    '2 of 2 run, 1 failed (step 2)'
  )
  await app.shot('presenter-12-rehearsal')
  await page.keyboard.press('Escape')
  await expect(presenter).toBeHidden()
})
