/**
 * The app's own menu, replacing Electron's default (which offers Toggle Developer Tools and
 * Reload to anyone): Edit with the standard roles, View with full screen, Help with "Open logs folder".
 * View has no zoom roles: their Ctrl +/−/0 accelerators would zoom the page in Chromium before the
 * window saw the keys, a second size system beside the app's Text size (Settings → Appearance), which
 * the window changes on those same keys.
 * Reload and Developer Tools appear only in development, or when FLOWX_LAUNCHER_DEVTOOLS=1 is set
 * deliberately; otherwise the window cannot open DevTools at all (webPreferences.devTools).
 */
import type { MenuItemConstructorOptions } from 'electron'

/** Environment variable that allows DevTools in a packaged app (support sessions only). */
export const DEVTOOLS_ENV = 'FLOWX_LAUNCHER_DEVTOOLS'

/** DevTools and Reload: always in development, in a packaged app only behind the switch. */
export function devToolsAllowed(
  isPackaged: boolean,
  env: Readonly<Record<string, string | undefined>>
): boolean {
  return !isPackaged || env[DEVTOOLS_ENV] === '1'
}

export interface MenuOptions {
  platform: NodeJS.Platform
  devTools: boolean
  /** Help → Open logs folder. */
  openLogsFolder(): void
}

/** The application menu template. */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const developer: MenuItemConstructorOptions[] = options.devTools
    ? [
        { type: 'separator' },
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' }
      ]
    : []
  const first: MenuItemConstructorOptions[] = mac
    ? [{ role: 'appMenu' }]
    : [{ label: '&File', submenu: [{ role: 'quit' }] }]
  const macPaste: MenuItemConstructorOptions[] = mac ? [{ role: 'pasteAndMatchStyle' }] : []
  const macWindow: MenuItemConstructorOptions[] = mac ? [{ role: 'windowMenu' }] : []
  return [
    ...first,
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...macPaste,
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' }
      ]
    },
    {
      label: '&View',
      submenu: [{ role: 'togglefullscreen' }, ...developer]
    },
    ...macWindow,
    {
      role: 'help',
      submenu: [{ label: 'Open logs folder', click: () => options.openLogsFolder() }]
    }
  ]
}
