/**
 * Runs one browser benchmark (e2e/<name>.perf.ts) in the e2e harness: builds the renderer into a
 * temporary directory (so out/ is left alone), or uses FLOWX_E2E_RENDERER when it is set.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')

export function runBrowserBench(name: string): void {
  let renderer = process.env.FLOWX_E2E_RENDERER
  let built: string | undefined
  if (!renderer) {
    built = mkdtempSync(join(tmpdir(), 'flowx-bench-build-'))
    const build = spawnSync('npx', ['electron-vite', 'build', '--outDir', built], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit']
    })
    if (build.status !== 0) throw new Error('electron-vite build failed')
    renderer = join(built, 'renderer')
  }
  if (!existsSync(join(renderer, 'index.html'))) throw new Error(`No renderer in ${renderer}`)
  try {
    const run = spawnSync(
      'npx',
      [
        'playwright',
        'test',
        '--config',
        join(ROOT, 'scripts/bench/playwright.bench.config.ts'),
        `${name}.perf.ts`
      ],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FLOWX_E2E_RENDERER: renderer } }
    )
    if (run.status !== 0) process.exitCode = 1
  } finally {
    if (built) rmSync(built, { recursive: true, force: true })
  }
}
