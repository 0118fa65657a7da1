/** Page helpers: how a person drives the app, in one place so specs read like the flow. */
import { expect, type Locator, type Page } from '@playwright/test'

/** The text input inside a Naive UI field, or the element itself. */
async function inputOf(page: Page, testId: string): Promise<Locator> {
  const host = page.getByTestId(testId)
  const inner = host.locator('input, textarea')
  return (await inner.count()) > 0 ? inner.first() : host
}

/** Replace a field's text. */
export async function fillField(page: Page, testId: string, value: string): Promise<void> {
  const input = await inputOf(page, testId)
  await input.fill(value)
  await input.blur()
}

/** Replace the payload editor's content. */
export async function setPayload(page: Page, json: string): Promise<void> {
  const editor = page.getByTestId('payload-editor').locator('.cm-content')
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Delete')
  await editor.pressSequentially(json, { delay: 0 })
}

/** Pick a value in a Naive UI select by its visible text. */
export async function chooseOption(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click()
  await page.locator('.n-base-select-option', { hasText: text }).first().click()
}

/** Go to one of the three views. */
export async function openView(page: Page, view: 'launch' | 'history' | 'profiles'): Promise<void> {
  // Move the pointer away first so no tooltip left open covers the navigation.
  await page.mouse.move(0, 0)
  await page.getByTestId(`nav-${view}`).click()
  await expect(page.getByTestId(`view-${view}`)).toBeVisible()
}

/** Press Send and wait for the result panel to show an outcome. */
export async function send(page: Page): Promise<void> {
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('send-button')).toBeEnabled()
  await expect(page.getByTestId('result-uuid').or(page.getByTestId('result-error'))).toBeVisible()
}

/** Send a launch sent moments ago: the duplicate warning comes up, and "Send anyway" goes ahead. */
export async function sendAgain(page: Page): Promise<void> {
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('duplicate-warning')).toBeVisible()
  await page.getByTestId('duplicate-send-anyway').click()
  await expect(page.getByTestId('duplicate-warning')).toBeHidden()
  await expect(page.getByTestId('send-button')).toBeEnabled()
  await expect(page.getByTestId('result-uuid').or(page.getByTestId('result-error'))).toBeVisible()
}
