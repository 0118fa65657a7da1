import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { version } from '../../package.json'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLI = resolve(ROOT, 'out/main/cli.js')
const BIN = resolve(ROOT, 'bin/flowx-launcher.mjs')
const built = existsSync(CLI)
// The project's Node 24 (the `node` devDependency), as `npm run cli` uses it.
const NODE = resolve(ROOT, 'node_modules/.bin/node')

function node(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(NODE, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env } })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('the built CLI', () => {
  it.skipIf(!built)(
    `runs out/main/cli.js and the bin script${built ? '' : ' (skipped: out/main/cli.js is missing, run npm run build)'}`,
    () => {
      const help = node(CLI, 'sandbox', '--help')
      expect(help.status).toBe(0)
      expect(help.stdout).toContain('Usage: flowx-launcher sandbox [options]')

      const viaBin = node(BIN, '--version')
      expect(viaBin.status).toBe(0)
      expect(viaBin.stdout.trim()).toBe(version)

      const usage = node(BIN, 'start', '--no-such-flag')
      expect(usage.status).toBe(2)
      expect(usage.stderr).toContain("unknown option '--no-such-flag'")
    }
  )

  it.skipIf(built)('makes the bin script ask for a build while out/main/cli.js is missing', () => {
    const run = node(BIN, '--version')
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('run npm run build first')
  })
})
