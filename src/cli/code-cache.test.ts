/**
 * bin/code-cache.cjs on a folder of its own: a file's cache is found again by the file's identity
 * on disk, and a file rewritten in place (same length, other code) never runs from the old cache.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CODE_CACHE = resolve(ROOT, 'bin/code-cache.cjs')
const NODE = resolve(ROOT, 'node_modules/.bin/node')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-code-cache-unit-'))
  mkdirSync(join(dir, 'root'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Load root/answer.js through the code cache in a new process; what it exports. */
function runAnswer(): string {
  const script = [
    `require(${JSON.stringify(CODE_CACHE)}).useCodeCache(${JSON.stringify(join(dir, 'root'))}, 'unit')`,
    `process.stdout.write(require(${JSON.stringify(join(dir, 'root', 'answer.js'))}))`
  ].join('\n')
  const run = spawnSync(NODE, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_COMPILE_CACHE: join(dir, 'cache') }
  })
  expect(run.status, run.stderr).toBe(0)
  return run.stdout
}

function cacheFiles(): string[] {
  return readdirSync(join(dir, 'cache', `flowx-launcher-${process.version}-${process.arch}-unit`))
}

describe('the CLI code cache', () => {
  it('is used again for an unchanged file and made anew for a file rewritten in place', () => {
    const file = join(dir, 'root', 'answer.js')
    writeFileSync(file, "module.exports = 'first'")
    expect(runAnswer()).toBe('first')
    const [made] = cacheFiles()
    expect(made).toMatch(/^answer\.js~[0-9a-f-]+\.v8$/)

    expect(runAnswer()).toBe('first')
    expect(cacheFiles()).toEqual([made])

    // Same length, other code: the old cache would still be accepted by V8 and run 'first'.
    writeFileSync(file, "module.exports = 'other'")
    expect(runAnswer()).toBe('other')
    const remade = cacheFiles()
    expect(remade).toHaveLength(1)
    expect(remade[0]).not.toBe(made)
    expect(runAnswer()).toBe('other')
  })
})
