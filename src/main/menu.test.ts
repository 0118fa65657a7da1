/** The application menu template and the DevTools switch. */
import { describe, expect, it, vi } from 'vitest'

import { devToolsAllowed, menuTemplate } from './menu'

type Item = { role?: string; label?: string; click?: () => void; submenu?: Item[] }
const top = (items: Item[]) => items.map((i) => i.label ?? i.role)
const sub = (items: Item[], label: string) =>
  (items.find((i) => i.label === label || i.role === label)!.submenu ?? []).map(
    (i) => i.role ?? i.label ?? 'separator'
  )

describe('menuTemplate', () => {
  it('Windows and Linux: File, Edit with the standard roles, View without zoom, Help', () => {
    const items = menuTemplate({
      platform: 'linux',
      devTools: false,
      openLogsFolder: vi.fn()
    }) as Item[]
    expect(top(items)).toEqual(['&File', '&Edit', '&View', 'help'])
    expect(sub(items, '&Edit')).toEqual([
      'undo',
      'redo',
      'separator',
      'cut',
      'copy',
      'paste',
      'delete',
      'separator',
      'selectAll'
    ])
    // No zoom roles: Ctrl +/−/0 reach the window, which changes the app's Text size.
    expect(sub(items, '&View')).toEqual(['togglefullscreen'])
    expect(sub(items, 'help')).toEqual(['Open logs folder'])
  })

  it('macOS: the app and window menus, paste and match style', () => {
    const items = menuTemplate({
      platform: 'darwin',
      devTools: false,
      openLogsFolder: vi.fn()
    }) as Item[]
    expect(top(items)).toEqual(['appMenu', '&Edit', '&View', 'windowMenu', 'help'])
    expect(sub(items, '&Edit')).toContain('pasteAndMatchStyle')
  })

  it('Reload and DevTools appear only when allowed; Help opens the logs folder', () => {
    const open = vi.fn()
    const items = menuTemplate({
      platform: 'linux',
      devTools: true,
      openLogsFolder: open
    }) as Item[]
    expect(sub(items, '&View').slice(-3)).toEqual(['reload', 'forceReload', 'toggleDevTools'])
    items.find((i) => i.role === 'help')!.submenu![0]!.click!()
    expect(open).toHaveBeenCalledOnce()
  })
})

describe('devToolsAllowed', () => {
  it.each([
    [false, {}, true],
    [true, {}, false],
    [true, { FLOWX_LAUNCHER_DEVTOOLS: '1' }, true],
    [true, { FLOWX_LAUNCHER_DEVTOOLS: 'true' }, false],
    [true, { FLOWX_LAUNCHER_DEVTOOLS: '' }, false]
  ])('packaged %s, env %j → %s', (packaged, env, expected) => {
    expect(devToolsAllowed(packaged, env)).toBe(expected)
  })
})
