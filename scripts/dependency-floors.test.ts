/**
 * Version floors for the dependencies that carry our security (security.md BLD-4): the registry
 * serves no audit endpoint here, so a known-bad version must fail the build instead.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

const FLOORS: Record<string, string> = {
  axios: '1.21.1',
  'follow-redirects': '1.16.0',
  electron: '45.0.0',
  'electron-store': '12.0.0',
  conf: '16.0.0'
}

/** Compare two plain x.y.z versions (pre-release tags ignored). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) =>
    v
      .split('-')[0]
      .split('.')
      .map((n) => Number(n))
  const [x, y] = [parse(a), parse(b)]
  for (let i = 0; i < 3; i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0)
  }
  return 0
}

function installed(name: string): string {
  const file = join(__dirname, '..', 'node_modules', name, 'package.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

describe('dependency floors', () => {
  it.each(Object.entries(FLOORS))('%s is at least %s', (name, floor) => {
    expect(compareVersions(installed(name), floor)).toBeGreaterThanOrEqual(0)
  })

  it('the lockfile resolves no older version', () => {
    const lock = JSON.parse(readFileSync(join(__dirname, '..', 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>
    }
    for (const [path, entry] of Object.entries(lock.packages)) {
      const name = path.replace(/^.*node_modules\//, '')
      if (name in FLOORS && entry.version) {
        expect(
          compareVersions(entry.version, FLOORS[name]),
          `${path}@${entry.version}`
        ).toBeGreaterThanOrEqual(0)
      }
    }
  })

  it('compares versions numerically, so the floor check can fail', () => {
    expect(compareVersions('1.9.0', '1.21.1')).toBeLessThan(0)
    expect(compareVersions('1.21.1', '1.21.1')).toBe(0)
    expect(compareVersions('45.4.1', '45.0.0')).toBeGreaterThan(0)
    expect(compareVersions('12.0.0-beta.1', '12.0.0')).toBe(0)
  })
})
