import { isAbsolute, join, resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import { buildPaths, homeOverride, logFile, resolveDataDir } from './paths'

describe('paths', () => {
  it('uses userData unless FLOWX_LAUNCHER_HOME is set, and makes the override absolute', () => {
    expect(resolveDataDir({}, '/home/u/.config/flowx-launcher')).toBe(
      '/home/u/.config/flowx-launcher'
    )
    expect(resolveDataDir({ FLOWX_LAUNCHER_HOME: '/tmp/fx' }, '/ignored')).toBe('/tmp/fx')
    expect(resolveDataDir({ FLOWX_LAUNCHER_HOME: 'rel/dir' }, '/ignored')).toBe(resolve('rel/dir'))
    expect(homeOverride({ FLOWX_LAUNCHER_HOME: '   ' })).toBeUndefined()
    expect(() => resolveDataDir({}, 'relative')).toThrow(/absolute/)
  })

  it('finds the preload bundle and renderer next to out/main', () => {
    const paths = buildPaths('/app/out/main')
    expect(paths).toStrictEqual({
      preload: '/app/out/preload/index.js',
      renderer: '/app/out/renderer'
    })
    expect(isAbsolute(paths.preload)).toBe(true)
    expect(logFile('/data')).toBe(join('/data', 'logs', 'main.log'))
  })
})
