/**
 * Accessibility check for e2e specs: axe-core (WCAG 2.1 A/AA and best practices) on the page as
 * it is, in the light and the dark theme, failing on any violation of impact serious or critical.
 * Every spec calls it on each screen it visits; `app.shot()` calls it for every screenshot.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
const BLOCKING = new Set(['serious', 'critical'])

type Scheme = 'light' | 'dark'

/** One line per violation: rule, impact, and the first few elements it hit. */
async function violations(page: Page, rules?: string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] })
  builder = rules ? builder.withRules(rules) : builder.withTags(TAGS)
  const results = await builder.analyze()
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 4)
        .map(
          (n) =>
            `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}` : ''}`
        )
      return `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help}\n    ${nodes.join('\n    ')}`
    })
}

async function currentTheme(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.theme)
}

/**
 * Run axe on the screen as shown, in both themes. With the theme set to System (the default) the
 * other theme is reached by emulating the OS preference; the page is put back as it was. With an
 * explicit Light or Dark theme only that one is checked (the spec chose it).
 */
export async function expectNoSeriousA11yViolations(page: Page, name: string): Promise<void> {
  // Transitions off while checking, so colours are measured settled.
  await page.emulateMedia({ reducedMotion: 'reduce' })
  const found: string[] = []
  const first = (await currentTheme(page)) as Scheme | undefined
  found.push(...(await violations(page)).map((v) => `[${first ?? '?'}] ${v}`))

  // The other theme is reached through the OS preference when the theme follows it (System).
  const setting = await page.evaluate(() => document.documentElement.dataset.themeSetting)
  if (setting === 'system') {
    const other: Scheme = first === 'dark' ? 'light' : 'dark'
    await page.emulateMedia({ colorScheme: other })
    await expect(page.locator('html')).toHaveAttribute('data-theme', other)
    // Only colours change with the theme: the other theme needs the contrast rule alone.
    found.push(...(await violations(page, ['color-contrast'])).map((v) => `[${other}] ${v}`))
    await page.emulateMedia({ colorScheme: first === 'dark' ? 'dark' : 'light' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', first ?? 'light')
  }
  expect(found, `Accessibility violations on "${name}":\n${found.join('\n')}`).toEqual([])
}
