// Child process of the electronegativity gate: runs the tool's programmatic API once and writes a
// JSON report (issues AND the `errors` list of files it could not parse, which its CSV and SARIF
// outputs leave out), plus the tool's own CSV for people. Runs apart from the gate because the
// tool's 2021-era dependencies register globals and can throw after the scan (see below).
// Usage: node electronegativity-scan.mjs <toolDir> <inputDir> <electronVersion> <report.json> <report.csv>
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { setTimeout } from 'node:timers'

const [toolDir, inputArg, electronVersion, reportPath, csvPath] = process.argv.slice(2)
if (!reportPath || !csvPath) {
  console.error('usage: electronegativity-scan.mjs <toolDir> <input> <electron> <json> <csv>')
  process.exit(2)
}
const input = resolve(inputArg)

// got@11 (the tool's translation fetch, 1 s timeout) retries after its promise already settled
// and throws this from a timer when the network is down. The scan result is unaffected: ignore
// exactly this error, crash on anything else.
const GOT_RETRY_BUG = 'The `onCancel` handler was attached after the promise settled.'
process.on('uncaughtException', (error) => {
  if (error instanceof Error && error.message === GOT_RETRY_BUG) return
  console.error(error)
  process.exit(1)
})

const require = createRequire(join(resolve(toolDir), 'package.json'))
const run = require('@doyensec/electronegativity')
const toolVersion = require('@doyensec/electronegativity/package.json').version

const result = await run({
  input,
  output: resolve(csvPath),
  isSarif: false,
  isRelative: true,
  electronVersionOverride: electronVersion,
  // Needs Electron's release feed over the network; the version floor is a unit test (BLD-4).
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck']
})

const rel = (file) => (isAbsolute(file) ? relative(input, file) : file).split('\\').join('/')
const report = {
  tool: { name: 'electronegativity', version: toolVersion },
  electronVersion,
  checks: { global: result.globalChecks, atomic: result.atomicChecks },
  // tolerable:false means the file was not scanned at all.
  errors: result.errors.map((e) => ({
    file: rel(e.file),
    message: e.message,
    tolerable: e.tolerable
  })),
  issues: result.issues.map((i) => ({
    id: i.id,
    severity: i.severity.name,
    confidence: i.confidence.name,
    file: rel(i.file),
    line: i.location?.line ?? 0,
    column: i.location?.column ?? 0,
    manualReview: Boolean(i.manualReview),
    description: i.description
  }))
}
writeFileSync(reportPath, JSON.stringify(report, null, 2) + '\n')
// The tool writes its CSV with an async fs.writeFile; give it a moment, then leave without
// waiting for the translation fetch's retry timers.
setTimeout(() => process.exit(0), 300)
