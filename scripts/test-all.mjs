// `npm test`: every layer in order (typecheck, lint, build, unit/integration, browser e2e), then one
// plain `N passed, N failed` line summed from the JSON reports, so a run that tested nothing shows.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const reports = '.reports'
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })
const vitestJson = join(reports, 'vitest.json')
const playwrightJson = join(reports, 'playwright.json')

const steps = [
  ['typecheck', 'npm', ['run', 'typecheck']],
  ['lint', 'npm', ['run', 'lint']],
  ['build', 'npm', ['run', 'build']],
  // Static Electron checks on the build (security.md BLD-2): the pinned devDependency, offline.
  ['electronegativity', process.execPath, ['scripts/security/electronegativity.mjs']],
  [
    'unit',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]
  ],
  [
    'e2e',
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }
  ]
]

const failedSteps = []
for (const [name, command, args, env] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`)
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (run.status !== 0) failedSteps.push(name)
}

let passed = 0
let failed = 0
let skipped = 0
// A failed gate (typecheck, lint, build, electronegativity) or a runner that left no report counts
// as one failure.
for (const gate of ['typecheck', 'lint', 'build', 'electronegativity'])
  if (failedSteps.includes(gate)) failed += 1

if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'))
  passed += v.numPassedTests ?? 0
  failed += v.numFailedTests ?? 0
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
  console.log(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed`)
} else {
  failed += 1
  console.log('vitest: no report')
}
if (existsSync(playwrightJson)) {
  const s = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats ?? {}
  passed += s.expected ?? 0
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0)
  skipped += s.skipped ?? 0
  console.log(`playwright: ${s.expected} passed, ${s.unexpected} failed, ${s.skipped} skipped`)
} else {
  failed += 1
  console.log('playwright: no report')
}

if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`)
if (passed === 0) console.log('no test ran')
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failedSteps.length > 0 || failed > 0 || passed === 0 ? 1 : 0)
