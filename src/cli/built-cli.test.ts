import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { version } from '../../package.json'
import { SANDBOX_IDS } from '../sandbox'
import { useSandbox } from '../sandbox/test-support'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLI = resolve(ROOT, 'out/main/cli.js')
const BIN = resolve(ROOT, 'bin/flowx-launcher.cjs')
const built = existsSync(CLI)
// The project's Node 24 (the `node` devDependency), as `npm run cli` uses it.
const NODE = resolve(ROOT, 'node_modules/.bin/node')

function node(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return nodeWith({}, ...args)
}

function nodeWith(
  env: Record<string, string>,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(NODE, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    // Standard input from /dev/null (a file), as in a CI job or under a scheduler.
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** nodeWith, without blocking this process (for a sandbox that runs in it). */
function nodeAsync(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(NODE, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (status) => done({ status, stdout, stderr }))
  })
}

/**
 * A script for `--require` that prints on stderr, as the process ends, `name: true|false` for each
 * of Node's `modules` (whether it was loaded), and with `zod` whether the bundle's zod chunk was.
 */
function loadProbe(dir: string, modules: string[], options: { zod?: boolean } = {}): string {
  const probe = join(dir, 'probe.cjs')
  const zod = options.zod
    ? " + ' zod: ' + Object.keys(require.cache).some((f) => /[\\\\/]chunks[\\\\/]zod-/.test(f))"
    : ''
  writeFileSync(
    probe,
    `process.on('exit', () => process.stderr.write(${JSON.stringify(modules)}.map((m) => m + ': ' + process.moduleLoadList.some((l) => l.endsWith(' ' + m))).join(' ')${zod} + '\\n'))`
  )
  return probe
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

  it.skipIf(!built)(
    "keeps the bundle's compiled code between runs; a start loads no fetch, http2, child_process, assert or tty, nor opens stdin",
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'flowx-code-cache-'))
      try {
        // Node's fetch implementation (undici), node:http2, node:child_process, node:assert and
        // node:tty (follow-redirects and debug), and Node's file streams (what opening stdin on a
        // file loads: the start never reads it).
        const probe = loadProbe(dir, [
          'undici',
          'http2',
          'child_process',
          'assert',
          'tty',
          'internal/fs/streams'
        ])
        const env = {
          NODE_COMPILE_CACHE: join(dir, 'cache'),
          FLOWX_LAUNCHER_HOME: join(dir, 'data'),
          FLOWX_TOKEN: 'a-token-for-a-dry-run'
        }
        const id = '0b9e6d2f-5c80-4f3b-8d4e-6a7b8c9d0e12'
        const args = ['start', '--dry-run', '--base-url', 'http://127.0.0.1:9/rtm']
        args.push('--app', id, '--build', id, '--process', 'p')
        const first = nodeWith(env, '--require', probe, BIN, ...args)
        expect(first.status, first.stderr).toBe(0)
        expect(first.stdout).toContain('Dry run: nothing was sent.')
        expect(first.stderr).toContain(
          'undici: false http2: false child_process: false assert: false tty: false internal/fs/streams: false'
        )

        const caches = readdirSync(env.NODE_COMPILE_CACHE)
        const startCache = caches.find(
          (d) => d.startsWith('flowx-launcher-') && d.endsWith('-start')
        )
        expect(startCache, caches.join(', ')).toBeDefined()
        const cacheDir = join(env.NODE_COMPILE_CACHE, startCache as string)
        const files = readdirSync(cacheDir)
        expect(files.some((f) => f.startsWith('cli.js~'))).toBe(true)
        expect(files.some((f) => f.startsWith('chunks~start-'))).toBe(true)

        // A damaged cache is refused by V8: the run compiles as usual and writes it again, and
        // the cache of a file that a build removed goes.
        const cliCache = join(cacheDir, files.find((f) => f.startsWith('cli.js~')) as string)
        writeFileSync(cliCache, 'not a code cache')
        const gone = join(cacheDir, 'chunks~gone-Ab12Cd34.js~1f2e3d4c.v8')
        writeFileSync(gone, 'from an older build')
        // What a run killed while writing its cache left behind, two minutes ago.
        const partial = join(cacheDir, 'cli.js~1f2e3d4c.v8.4242.tmp')
        writeFileSync(partial, 'half a cache')
        utimesSync(partial, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000))
        const again = nodeWith(env, BIN, ...args)
        expect(again.status, again.stderr).toBe(0)
        expect(again.stdout).toBe(first.stdout)
        expect(readFileSync(cliCache, 'utf8')).not.toBe('not a code cache')
        expect(existsSync(gone)).toBe(false)
        expect(existsSync(partial)).toBe(false)

        // A cache folder that others can write to is not used: its code would run as this user.
        if (process.platform !== 'win32') {
          rmSync(cacheDir, { recursive: true })
          mkdirSync(cacheDir)
          chmodSync(cacheDir, 0o777)
          const planted = join(cacheDir, basename(cliCache))
          writeFileSync(planted, 'planted by someone else')
          const shared = nodeWith(env, BIN, ...args)
          expect(shared.status, shared.stderr).toBe(0)
          expect(shared.stdout).toBe(first.stdout)
          expect(readdirSync(cacheDir)).toEqual([basename(cliCache)])
          expect(readFileSync(planted, 'utf8')).toBe('planted by someone else')
        }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  )

  const sandbox = useSandbox()

  it.skipIf(!built)(
    'a start to an http:// URL loads neither node:https nor node:tls (only an https call needs them), nor zod',
    async () => {
      const server = await sandbox({ port: 0 })
      const dir = mkdtempSync(join(tmpdir(), 'flowx-no-tls-'))
      try {
        // Node's TLS modules, and the bundle's zod.
        const probe = loadProbe(dir, ['https', 'tls', 'internal/tls/wrap'], { zod: true })
        const env = {
          NODE_COMPILE_CACHE: join(dir, 'cache'),
          FLOWX_LAUNCHER_HOME: join(dir, 'data'),
          FLOWX_TOKEN: server.demoToken
        }
        const args = ['start', '--base-url', server.baseUrl, '--json']
        args.push('--app', SANDBOX_IDS.appId, '--build', SANDBOX_IDS.committedBuildId)
        args.push('--process', '[DOCS]customer_onboarding', '--data', '{"customerId":"no-tls"}')
        expect(server.baseUrl).toMatch(/^http:\/\//)
        const run = await nodeAsync(env, '--require', probe, BIN, ...args)
        expect(run.status, run.stderr).toBe(0)
        expect(JSON.parse(run.stdout)).toMatchObject({ status: 'started' })
        expect(server.requests).toHaveLength(1)
        expect(run.stderr).toContain('https: false tls: false internal/tls/wrap: false zod: false')
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  )

  it.skipIf(built)('makes the bin script ask for a build while out/main/cli.js is missing', () => {
    const run = node(BIN, '--version')
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('run npm run build first')
  })
})
