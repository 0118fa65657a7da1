/**
 * Keyboard only, no mouse: start a process by workspace, open History, find the launch by its
 * instance uuid, load it back into the form, and switch environment. Every step is a key press;
 * the only setup outside the keyboard is a second profile created through the core.
 */
import type { Locator, Page } from '@playwright/test'

import { SANDBOX_IDS } from '../src/sandbox'
import { expectNoSeriousA11yViolations } from './a11y'
import { expect, test } from './harness'

/** Press Tab (Shift+Tab with `back`) until focus is inside `target`; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 80, back = false): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el.contains(document.activeElement)).catch(() => false))
      return
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

async function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(
    () => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null
  )
}

test('launch, find, replay and switch environment with the keyboard alone', async ({ app }) => {
  const { page, sandbox, core } = app
  await core.handlers['profiles:save']({
    name: 'Team staging',
    color: 'purple',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    defaults: { workspaceId: SANDBOX_IDS.workspaceId, appId: SANDBOX_IDS.appId, buildId: '' },
    secrets: { token: { action: 'set', value: sandbox.demoToken } }
  })
  await page.reload()
  await expect(page.getByTestId('profile-switcher')).toContainText('Local sandbox')
  await page.emulateMedia({ reducedMotion: 'reduce' })

  // The start mode switch is reached by Tab; arrows move the choice.
  await tabTo(page, page.getByTestId('mode-switch'))
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('mode-build').locator('input')).toBeChecked()
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('mode-workspace').locator('input')).toBeChecked()

  // Process name, then the payload; Esc then Tab leaves the editor.
  await tabTo(page, page.getByTestId('field-process'))
  await page.keyboard.type('loan request')
  await tabTo(page, page.getByTestId('payload-editor'))
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type('{"customerId":"C-7","amount":1200}')
  await page.keyboard.press('Tab')
  // Tab indents inside the editor…
  expect(await focusedTestId(page)).toBe('payload-editor')
  await page.keyboard.press('Shift+Tab')
  // …and Esc, then Tab, moves on.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Tab')
  expect(await focusedTestId(page)).not.toBe('payload-editor')

  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByTestId('result-uuid')).toBeVisible()
  const uuid = (await page.getByTestId('result-uuid').innerText()).trim()
  expect(uuid).toMatch(/^[0-9a-f-]{36}$/)

  // The shortcuts sheet, opened with ? and closed with Esc.
  await page.keyboard.press('Escape')
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('Shift+?')
  await expect(page.getByTestId('shortcuts-sheet')).toBeVisible()
  await expectNoSeriousA11yViolations(page, 'keyboard-shortcuts-sheet')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('shortcuts-sheet')).toBeHidden()

  // History: Ctrl/Cmd+2, search by the instance uuid, arrows and Enter open the launch.
  await page.keyboard.press('ControlOrMeta+2')
  await expect(page.getByTestId('view-history')).toBeVisible()
  await tabTo(page, page.getByTestId('history-search'))
  await page.keyboard.type(uuid)
  await expect(page.getByTestId('history-row')).toHaveCount(1)
  await tabTo(page, page.getByTestId('history-list'))
  await page.keyboard.press('Home')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('history-detail')).toContainText('loan request')
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('aria-selected', 'true')
  await app.shot('keyboard-01-history-found')

  // Load it back into the form.
  await tabTo(page, page.getByTestId('history-replay'))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('view-launch')).toBeVisible()
  await expect(page.getByTestId('field-process')).toHaveValue('loan request')

  // Switch environment: the switcher takes focus, opens with Enter, arrows choose.
  await tabTo(page, page.getByTestId('profile-switcher'), 80, true)
  await expect(page.locator('.n-base-selection:focus-within')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.locator('.n-base-select-option', { hasText: 'Team staging' })).toBeVisible()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('profile-switcher')).toContainText('Team staging')

  // The token popover opens from the keyboard and Esc closes it.
  await tabTo(page, page.getByTestId('token-chip'))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('token-chip')).toHaveAttribute('aria-expanded', 'true')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('token-chip')).toHaveAttribute('aria-expanded', 'false')
  expect(await focusedTestId(page)).toBe('token-chip')
  await app.shot('keyboard-02-switched')
})
