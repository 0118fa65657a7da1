// Child process of the electronegativity gate: runs the tool's programmatic API once and writes a
// JSON report (issues AND the `errors` list of files it could not parse, which its CSV and SARIF
// outputs leave out), plus the tool's own CSV for people. Runs apart from the gate because the
// tool's 2021-era dependencies register globals.
//
// Fully offline: the tool fetches "updated translations" from S3 on every run (got, 1 s timeout,
// then a retry timer that throws once the promise has settled). Its translations module is
// replaced, before the tool loads, by one that reads the en-US messages the package ships; and
// any socket the scan still opens fails the scan, so a future version that phones home is caught.
// Usage: node electronegativity-scan.mjs <inputDir> <electronVersion> <report.json> <report.csv>
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const [inputArg, electronVersion, reportPath, csvPath] = process.argv.slice(2)
if (!reportPath || !csvPath) {
  console.error('usage: electronegativity-scan.mjs <input> <electron> <json> <csv>')
  process.exit(2)
}
const input = resolve(inputArg)

/** @type {string[]} */
const networkAttempts = []
net.Socket.prototype.connect = function (...args) {
  networkAttempts.push(JSON.stringify(args[0]))
  this.destroy(new Error('electronegativity must run offline'))
  return this
}

// The project's own copy (a pinned devDependency), never one installed at run time.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(join(root, 'package.json'))
const toolMain = require.resolve('@doyensec/electronegativity')
const i18nPath = join(dirname(toolMain), 'locales', 'i18n.js')
const toolRequire = createRequire(i18nPath)
const i18n = toolRequire('i18n')
/** Same configuration as the tool's own module, from the bundled files only. */
function offlineTranslations() {
  i18n.configure({
    locales: ['en-US', 'es-ES', 'fr-FR'],
    defaultLocale: 'en-US',
    directory: dirname(i18nPath),
    updateFiles: false,
    objectNotation: true,
    retryInDefaultLocale: true,
    register: globalThis
  })
  i18n.setLocale('en-US')
  return Promise.resolve()
}
offlineTranslations.default = offlineTranslations
const Module = toolRequire('module')
const cached = new Module(i18nPath)
cached.filename = i18nPath
cached.loaded = true
cached.exports = offlineTranslations
require.cache[i18nPath] = cached

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
if (networkAttempts.length) {
  console.error(`electronegativity tried to reach the network: ${networkAttempts.join(', ')}`)
  process.exit(1)
}
// The tool writes its CSV with an async fs.writeFile: the process ends once that is done.
