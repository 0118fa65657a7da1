/**
 * Every view at 960×640, 1360×860 and 1920×1080, in the light and the dark theme and at 150 %
 * text size, written to e2e/screenshots/matrix-<view>-<size>-<variant>.png for review. Each shot
 * also asserts that nothing scrolls sideways; axe checks each view once per theme.
 */
import { join } from 'node:path'

import type { Page } from '@playwright/test'

import { expectNoSeriousA11yViolations } from './a11y'
import { expect, SCREENSHOTS, test } from './harness'
import { fillField, send, setPayload } from './pages'

const SIZES = [
  { name: '960x640', width: 960, height: 640 },
  { name: '1360x860', width: 1360, height: 860 },
  { name: '1920x1080', width: 1920, height: 1080 }
] as const

type Variant = 'light' | 'dark' | 'text150'
const VARIANTS: Variant[] = ['light', 'dark', 'text150']

/** The views of the header, plus Settings; a view another build lacks is skipped. */
const VIEWS = ['launch', 'history', 'batch', 'profiles', 'playlists', 'settings'] as const

/** No sideways scrolling: the header and the view fit their width. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() =>
    ['header', 'main']
      .map((selector) => document.querySelector(selector))
      .filter((el): el is Element => !!el)
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()} ${el.scrollWidth} > ${el.clientWidth}`)
  )
  expect(overflow, `sideways scrolling on ${where}`).toEqual([])
}

async function setVariant(page: Page, variant: Variant): Promise<void> {
  await page.emulateMedia({ colorScheme: variant === 'dark' ? 'dark' : 'light' })
  await expect(page.locator('html')).toHaveAttribute(
    'data-theme',
    variant === 'dark' ? 'dark' : 'light'
  )
  // Text size through the zoom shortcut, as a presenter would: 100 % → 150 %, or back to 100 %.
  await page.keyboard.press('ControlOrMeta+0')
  if (variant === 'text150')
    for (let i = 0; i < 5; i++) await page.keyboard.press('ControlOrMeta+=')
  await expect(page.locator('html')).toHaveCSS('font-size', variant === 'text150' ? '24px' : '16px')
}

test('every view at three sizes, light, dark and 150 % text', async ({ app }) => {
  test.setTimeout(600_000)
  const { page } = app
  await page.emulateMedia({ reducedMotion: 'reduce' })

  // Something to show: a started launch, a failed one, and the sandbox's default form.
  await fillField(page, 'field-process', 'parallel_checks')
  await send(page)
  await fillField(page, 'field-process', 'no_such_process')
  await send(page)
  await fillField(page, 'field-process', 'loan request')
  await setPayload(page, '{"customerId":"C-1042","amount":25000}')
  await send(page)

  const present: string[] = []
  for (const view of VIEWS) {
    if ((await page.getByTestId(`nav-${view}`).count()) > 0) present.push(view)
  }

  for (const variant of VARIANTS) {
    await setVariant(page, variant)
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height })
      for (const view of present) {
        await page.mouse.move(0, 0)
        await page.getByTestId(`nav-${view}`).click()
        await page.mouse.move(0, 0)
        await expect(page.getByTestId(`view-${view}`)).toBeVisible()
        if (view === 'history') {
          await expect(page.getByTestId('history-row').first()).toBeVisible()
          await page.getByTestId('history-row').first().click()
          await expect(page.getByTestId('history-detail')).toContainText('loan request')
        }
        const where = `${view} at ${size.name}, ${variant}`
        await expectNoSidewaysScroll(page, where)
        await page.screenshot({
          path: join(SCREENSHOTS, `matrix-${view}-${size.name}-${variant}.png`),
          animations: 'disabled'
        })
        // axe once per view at the middle size: it checks the light and the dark theme.
        if (size.name === '1360x860' && variant === 'light')
          await expectNoSeriousA11yViolations(page, where)
      }
    }
  }

  // The shortcuts sheet, a dialog, in both themes.
  await setVariant(page, 'light')
  await page.setViewportSize({ width: 1360, height: 860 })
  await page.getByTestId('shortcuts-button').click()
  await expect(page.getByTestId('shortcuts-sheet')).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOTS, 'matrix-shortcuts-1360x860-light.png') })
  await expectNoSeriousA11yViolations(page, 'shortcuts sheet')
  await page.keyboard.press('Escape')
})
