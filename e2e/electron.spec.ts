/**
 * The real Electron app end to end (DESIGN.md §6.4): launch the built app with a fresh data
 * directory, check the window is hardened, and start a process on the Local sandbox. It needs an
 * Electron binary, which cannot be downloaded on our build machines, so it skips there. The binary
 * is found from files only: requiring 'electron' would start a download (stack-notes.md §6.5).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'

import { SANDBOX_IDS } from '../src/sandbox'
import { fillField, openView, send } from './pages'

const ROOT = resolve(__dirname, '..')
const MAIN = join(ROOT, 'out/main/index.js')
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The Electron executable from node_modules/electron/path.txt, if it is really there. */
function findElectronBinary(): string | undefined {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt')
  if (!existsSync(pathFile)) return undefined
  const executable = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(executable) ? executable : undefined
}

const executablePath = findElectronBinary()

test.describe('Electron app', () => {
  test.skip(
    !executablePath,
    'No Electron binary (node_modules/electron/dist); runs only where one is installed'
  )
  test.skip(!existsSync(MAIN), 'No out/main/index.js; run `npm run build` first')

  let app: ElectronApplication | undefined
  let home: string | undefined

  test.afterEach(async () => {
    await app?.close()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  test('opens hardened and starts [DOCS]customer_onboarding by build on the Local sandbox', async () => {
    home = mkdtempSync(join(tmpdir(), 'flowx-electron-'))
    // A packaged-style run: no dev server URL, data in the temp home.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL'
      )
    )
    // Chromium refuses to start as root with its OS sandbox (CI containers); our renderer
    // sandbox (webPreferences) is unaffected by this switch.
    const switches = process.getuid?.() === 0 ? ['--no-sandbox'] : []
    app = await electron.launch({
      executablePath,
      args: [...switches, MAIN],
      env: { ...env, FLOWX_LAUNCHER_HOME: home }
    })
    const page = await app.firstWindow()
    await expect(page).toHaveTitle('FlowX Launcher')
    expect(page.url()).toBe('app://bundle/index.html')

    // The main process holds exactly one window; the page has no Node and only the bridge.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
    const exposed = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>
      return {
        require: typeof g.require,
        process: typeof g.process,
        flowx: Object.keys(g.flowx ?? {})
      }
    })
    expect(exposed.require).toBe('undefined')
    expect(exposed.process).toBe('undefined')
    expect(exposed.flowx).toEqual(expect.arrayContaining(['app', 'profiles', 'launch', 'history']))

    await expect(page.getByTestId('profile-switcher')).toContainText('Local sandbox')
    await openView(page, 'launch')
    await page.getByTestId('mode-build').click()
    await fillField(page, 'field-app', SANDBOX_IDS.appId)
    await fillField(page, 'field-build', SANDBOX_IDS.committedBuildId)
    await fillField(page, 'field-process', '[DOCS]customer_onboarding')
    await send(page)
    const uuid = (await page.getByTestId('result-uuid').innerText()).trim()
    expect(uuid).toMatch(UUID)
    expect(existsSync(join(home, 'logs', 'main.log'))).toBe(true)
  })
})
