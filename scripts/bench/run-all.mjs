/**
 * `npm run bench`: runs every scripts/bench/*.bench.ts in turn with tsx, so each benchmark is
 * added by dropping a file here. `npm run bench -- bundle ledger` runs only those named.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = dirname(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.ts$/, '')))
  .sort()

let failed = 0
for (const file of benches) {
  console.log(`\n=== ${file} ===`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' })
  if (r.status !== 0) {
    failed++
    console.error(`${file} failed (exit ${r.status ?? r.signal})`)
  }
}
process.exitCode = failed ? 1 : 0
