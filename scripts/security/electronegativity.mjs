// `npm run security:electronegativity` (security.md BLD-2): static Electron checks on the built
// project. Fails on any HIGH finding, any finding not in electronegativity-baseline.json, and any
// file the tool could not parse. The tool is a pinned devDependency (1.10.3): nothing is installed
// or downloaded at run time, and the scan runs offline (see electronegativity-scan.mjs).
//
// What is scanned (copied into .reports/electronegativity-input so node_modules, tests, e2e and
// this folder's insecure fixture stay out):
//   src/main, src/preload      the Electron code; *.test.ts and test-support/ are not shipped
//   src/renderer/index.html    the meta CSP (the tool cannot read .vue files)
//   out/preload/index.js       the one bundled preload that runs in the sandboxed renderer
// out/main is not scanned: it duplicates src/main, has hashed chunk names, and holds ES2022
// private fields the tool's parser cannot walk ("Unknown node type ClassPrivateProperty").
//
// Options: --scan-dir <dir> scans that folder as is with an empty baseline (e.g.
// scripts/security/fixtures/insecure-window, to see the gate fail); --report <file.json> only
// evaluates an existing report against the baseline.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

import {
  evaluate,
  formatTable,
  parseBaseline,
  parseReport,
  verdict
} from './electronegativity-lib.mjs'

const TOOL = '@doyensec/electronegativity'
const TOOL_VERSION = '1.10.3'
const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const reports = join(root, '.reports')
const started = Date.now()
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`

/** @param {string} name */
function option(name) {
  const i = process.argv.indexOf(name)
  return i === -1 ? undefined : process.argv[i + 1]
}

/** @param {string} message */
function fail(message) {
  console.error(`electronegativity: ${message}`)
  process.exit(1)
}

function ensureTool() {
  const require = createRequire(join(root, 'package.json'))
  let version
  try {
    version = require(`${TOOL}/package.json`).version
  } catch {
    fail(`${TOOL} is not installed: run npm ci (it is a devDependency)`)
  }
  if (version !== TOOL_VERSION) fail(`${TOOL} ${version} is installed, ${TOOL_VERSION} expected`)
}

/** The Electron version to check against: the installed one, else the package.json floor. */
function electronVersion() {
  const installed = join(root, 'node_modules', 'electron', 'package.json')
  if (existsSync(installed)) return JSON.parse(readFileSync(installed, 'utf8')).version
  return '45.4.1'
}

function stageInput() {
  const staged = join(reports, 'electronegativity-input')
  rmSync(staged, { recursive: true, force: true })
  const preloadBundle = join(root, 'out', 'preload', 'index.js')
  if (!existsSync(preloadBundle)) fail('out/preload/index.js is missing: run electron-vite build')
  const shipped = (/** @type {string} */ src) => {
    const parts = relative(root, src).split(sep)
    return !parts.includes('test-support') && !/\.test\.[cm]?[jt]sx?$/.test(src)
  }
  for (const dir of ['src/main', 'src/preload']) {
    cpSync(join(root, dir), join(staged, dir), { recursive: true, filter: shipped })
  }
  cpSync(join(root, 'src/renderer/index.html'), join(staged, 'src/renderer/index.html'))
  cpSync(preloadBundle, join(staged, 'out/preload/index.js'))
  return staged
}

let reportPath = option('--report')
if (!reportPath) {
  ensureTool()
  const scanDir = option('--scan-dir')
  const input = scanDir ? join(process.cwd(), scanDir) : stageInput()
  mkdirSync(reports, { recursive: true })
  const name = scanDir ? 'electronegativity-scan-dir' : 'electronegativity'
  reportPath = join(reports, `${name}.json`)
  const csvPath = join(reports, `${name}.csv`)
  rmSync(reportPath, { force: true })
  const version = electronVersion()
  console.log(
    `electronegativity ${TOOL_VERSION}: scanning ${relative(root, input)} as Electron ${version}`
  )
  const scan = spawnSync(
    process.execPath,
    [join(here, 'electronegativity-scan.mjs'), input, version, reportPath, csvPath],
    { stdio: 'inherit' }
  )
  if (scan.status !== 0 || !existsSync(reportPath)) fail(`the scan itself failed (${scan.status})`)
  console.log(`reports: ${relative(root, reportPath)}, ${relative(root, csvPath)} (${seconds()})`)
}

const report = parseReport(JSON.parse(readFileSync(reportPath, 'utf8')))
// The baseline describes this project; a --scan-dir folder is judged with none.
const baselineFile = join(here, 'electronegativity-baseline.json')
const baseline = option('--scan-dir')
  ? []
  : parseBaseline(JSON.parse(readFileSync(baselineFile, 'utf8')))
const result = evaluate(report, baseline)
if (result.findings.length) console.log(formatTable(result.findings))
for (const line of verdict(result)) console.log(line)
process.exit(result.ok ? 0 : 1)
