#!/usr/bin/env node
// The `flowx-launcher` command: checks the Node version, then runs the CLI that `npm run build`
// bundles to out/main/cli.js. Plain JavaScript with no dependency, so an old Node still gets to
// print the version message; the built-in modules are taken once the version is known to be new
// enough. CommonJS, like the bundle it runs: an ES module entry costs every start about 3 ms of
// CPU to set up Node's ES module loader, which nothing here needs.
'use strict'

// node:sqlite and require() of ESM-only packages both need Node 22.13 or newer.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(
    [
      `flowx-launcher needs Node.js 22.13 or newer (it keeps history with the built-in node:sqlite); this is Node.js ${process.versions.node}.`,
      'Install Node.js 24 (https://nodejs.org), or run the CLI through the project with `npm run cli -- <command>`, which uses the Node 24 in node_modules.'
    ].join('\n')
  )
  process.exit(2)
}

const { existsSync } = require('node:fs')
const { enableCompileCache } = require('node:module')
const { join } = require('node:path')

const out = join(__dirname, '..', 'out', 'main')
const cli = join(out, 'cli.js')
if (!existsSync(cli)) {
  console.error(`flowx-launcher: ${cli} is missing: run npm run build first.`)
  process.exit(2)
}
const command = process.argv[2] ?? ''
// A batch run allocates a little for every row and keeps almost none of it (about 20 MB stay
// live over 10,000 rows: rows are streamed, outcomes kept small), but V8's default heap growth let
// the process reach 320 MB. Sizing the heap for memory keeps a 10,000-row run near 140 MB, for
// about a third more CPU, which a batch spends waiting on FlowX anyway. Other commands keep the
// defaults (a one-shot start is over before the heap grows).
if (command === 'batch') require('node:v8').setFlagsFromString('--optimize-for-size')
// The bundle's code, compiled functions included, cached between runs (code-cache.cjs), one cache
// per command; Node's on-disk compile cache does the same for the libraries in node_modules.
require('./code-cache.cjs').useCodeCache(
  out,
  /^[a-z][a-z-]{0,19}$/.test(command) ? command : 'other'
)
enableCompileCache()
// main() sets the exit code; should it fail unexpectedly, Node prints the error and exits with 1.
require(cli).main()
