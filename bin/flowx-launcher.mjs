#!/usr/bin/env node
// The `flowx-launcher` command: checks the Node version, then runs the CLI that `npm run build`
// bundles to out/main/cli.js. Plain JavaScript with no dependency, so an old Node still gets to
// print the version message. No import statements: the built-in modules are taken once the version
// is known to be new enough, without the cost of ESM imports on every start.

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

const { existsSync } = process.getBuiltinModule('node:fs')
const { createRequire, enableCompileCache } = process.getBuiltinModule('node:module')
const { fileURLToPath } = process.getBuiltinModule('node:url')

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
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
if (command === 'batch')
  process.getBuiltinModule('node:v8').setFlagsFromString('--optimize-for-size')
const require = createRequire(import.meta.url)
// The bundle's code, compiled functions included, cached between runs (code-cache.cjs), one cache
// per command; Node's on-disk compile cache does the same for the libraries in node_modules.
require('./code-cache.cjs').useCodeCache(
  fileURLToPath(new URL('../out/main/', import.meta.url)),
  /^[a-z][a-z-]{0,19}$/.test(command) ? command : 'other'
)
enableCompileCache()
await require(cli).main()
