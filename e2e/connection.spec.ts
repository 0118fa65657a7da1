/**
 * Connection settings a user must be able to see at a glance: a profile that accepts untrusted
 * certificates is marked red wherever it appears, and a weak keychain is explained with a way out.
 */
import { readFileSync } from 'node:fs'

import { SANDBOX_IDS } from '../src/sandbox'
import { expect, test } from './harness'
import { chooseOption, fillField, openView, send, setPayload } from './pages'

test('an untrusted-certificate profile is badged in the list, the switcher and its history', async ({
  app
}) => {
  const { page, sandbox } = app
  await openView(page, 'profiles')
  await page.getByTestId('profile-new').click()
  await fillField(page, 'profile-name', 'Dev (self-signed)')
  await fillField(page, 'profile-base-url', sandbox.baseUrl)
  await fillField(page, 'profile-default-app', SANDBOX_IDS.appId)
  await fillField(page, 'profile-default-build', SANDBOX_IDS.committedBuildId)
  await fillField(page, 'profile-token', sandbox.demoToken)
  await page.getByTestId('profile-allow-untrusted').click()
  await expect(page.getByTestId('profile-untrusted-warning')).toBeVisible()
  await app.shot('connection-01-untrusted-switch')
  await page.getByTestId('profile-save').click()
  await expect(page.getByTestId('profile-list').getByTestId('untrusted-badge')).toBeVisible()

  await chooseOption(page, 'profile-switcher', 'Dev (self-signed)')
  await expect(page.getByTestId('profile-switcher').getByTestId('untrusted-badge')).toBeVisible()
  await openView(page, 'launch')
  await page.getByTestId('mode-build').click()
  await fillField(page, 'field-process', '[DOCS]customer_onboarding')
  await setPayload(page, '{}')
  await send(page)
  await openView(page, 'history')
  await expect(page.getByTestId('history-row').first().getByTestId('untrusted-badge')).toBeVisible()
  await page.getByTestId('history-row').first().click()
  await expect(page.getByTestId('history-transport')).toContainText(/not verified|untrusted/i)
  await app.shot('connection-02-history-untrusted')

  // Hand the setup to a colleague: settings and placeholders, never the token.
  await openView(page, 'profiles')
  await page.getByTestId('profile-export').click()
  await page.getByTestId('profile-export-all').click()
  await expect(page.getByTestId('transfer-result')).toContainText('Exported 1 profile')
  await expect(page.getByTestId('transfer-secrets')).toContainText(
    'Dev (self-signed): bearer token'
  )
  await app.shot('connection-05-exported')
  const exported = readFileSync(app.files.saved[0] as string, 'utf8')
  expect(exported).toContain('"set": true')
  expect(exported).not.toContain(sandbox.demoToken)

  // …who imports it and is told what to enter.
  app.files.nextImport = exported
  await page.getByTestId('profile-import').click()
  await expect(page.getByTestId('transfer-result')).toContainText('Dev (self-signed) (imported)')
  await expect(page.getByTestId('profile-list')).toContainText('Dev (self-signed) (imported)')
  await app.shot('connection-06-imported')
})

test.describe('on a system whose keychain is weak', () => {
  test.use({ keychain: 'weak' })

  test('the banner explains it, and opting in keeps secrets with weak protection', async ({
    app
  }) => {
    const { page } = app
    const banner = page.getByTestId('secret-storage-banner')
    await expect(banner).toHaveAttribute('data-storage', 'weak')
    await expect(banner).toContainText(/GNOME Keyring|KWallet/)
    await app.shot('connection-03-weak-keychain-banner')
    await page.getByTestId('secret-storage-optin').click()
    await page.getByTestId('confirm-weak-storage').click()
    await expect(banner).toHaveAttribute('data-storage', 'weak-opt-in')
    await app.shot('connection-04-weak-opt-in')
    await page.getByTestId('secret-storage-optout').click()
    await expect(banner).toHaveAttribute('data-storage', 'weak')
  })
})
