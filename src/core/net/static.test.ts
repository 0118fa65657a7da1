/** Static checks over src/ (security.md NET-4): certificate checks are never switched off globally. */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path)
    return /\.(ts|mts|cts|vue)$/.test(entry.name) ? [path] : []
  })
}

function filesContaining(pattern: RegExp): string[] {
  return sourceFiles(ROOT)
    .filter((file) => pattern.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file).split(sep).join('/'))
}

describe('TLS settings in src/', () => {
  it('scans the sources', () => {
    expect(sourceFiles(ROOT).length).toBeGreaterThan(20)
  })

  it('certificate checks are switched off only in src/core/net/agents.ts', () => {
    // Built from parts so this file does not match itself.
    const pattern = new RegExp(['rejectUnauthorized', '\\s*:\\s*', 'false'].join(''))
    expect(filesContaining(pattern)).toEqual(['core/net/agents.ts'])
  })

  it('the process-wide switch is never used', () => {
    const pattern = new RegExp(['NODE_TLS', 'REJECT_UNAUTHORIZED'].join('_'))
    expect(filesContaining(pattern)).toEqual([])
  })
})
