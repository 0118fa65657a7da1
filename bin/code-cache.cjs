// V8 code cache for the bundle under out/main, made at the END of a run. Node's own compile cache
// (module.enableCompileCache) saves a file's code right after compiling it, before it runs, so it
// holds only the top-level code: every function the run then calls (zod building its schemas,
// axios setting up, the launch itself) is compiled again on every start. A cache made once the
// run is over holds those functions too, which takes about a tenth off a one-shot `start`.
//
// Each file's cache is keyed by the file's identity on disk (inode, size, and modification and
// change times to the microsecond: a build that rewrites a file changes them, and the change time
// cannot be set back), beside Node's compile cache. Reading the key from the file's status rather
// than from its content (a CRC of every byte) spares each start a pass over 1 MB of JavaScript. A
// file whose cache is missing or refused by V8 (another Node, other V8 flags) gets a fresh one when
// the run ends, and the caches of files a new build removed or changed are deleted then. Anything
// that goes wrong here only costs the speed-up: the file is compiled as usual.
// CommonJS, loaded by the bin once the Node version is known to be new enough.
'use strict'
const {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} = require('node:fs')
const Module = require('node:module')
const { tmpdir } = require('node:os')
const { dirname, join, relative, sep } = require('node:path')
const vm = require('node:vm')

/**
 * Compile the CommonJS files under `root` through a code cache kept in a folder of Node's compile
 * cache directory (NODE_COMPILE_CACHE, else the system's temporary folder). `variant` keeps one
 * cache per command: each holds what that command runs, and V8 flags (batch's) never mix.
 */
function useCodeCache(root, variant = 'default') {
  const base = process.env.NODE_COMPILE_CACHE || join(tmpdir(), 'node-compile-cache')
  const dir = join(base, `flowx-launcher-${process.version}-${process.arch}-${variant}`)
  const prefix = root.endsWith(sep) ? root : root + sep
  // Code from this folder runs as this user: it is used only when no one else can write to it.
  if (!privateFolder(dir)) return
  const fresh = []
  const compile = Module.prototype._compile
  Module.prototype._compile = function (content, filename, ...rest) {
    if (typeof filename !== 'string' || !filename.startsWith(prefix)) {
      return compile.call(this, content, filename, ...rest)
    }
    // "chunks~start-Ab12.js~<key>.v8": the file's place under root, then its identity on disk.
    const name = relative(root, filename).split(sep).join('~')
    let file
    let cachedData
    try {
      file = join(dir, `${name}~${fileKey(filename)}.v8`)
      cachedData = readFileSync(file)
    } catch {
      // Not cached yet (made at exit), or the file's status could not be read (never cached).
    }
    if (file === undefined) return compile.call(this, content, filename, ...rest)
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
    })
    if (cachedData === undefined || script.cachedDataRejected) fresh.push({ script, file, name })
    const mod = this
    const requireFrom = (id) => mod.require(id)
    requireFrom.resolve = (request, options) =>
      Module._resolveFilename(request, mod, false, options)
    requireFrom.cache = Module._cache
    return script
      .runInThisContext({ displayErrors: true })
      .call(mod.exports, mod.exports, requireFrom, mod, filename, dirname(filename))
  }
  process.once('exit', () => {
    if (fresh.length === 0) return
    try {
      for (const { script, file } of fresh) {
        // Written whole, then renamed: a concurrent run reads the old file or the new one.
        const partial = `${file}.${process.pid}.tmp`
        writeFileSync(partial, script.createCachedData())
        renameSync(partial, file)
      }
      // After a new build: the caches of files that are gone, or that have changed, go too.
      const written = new Set(fresh.map(({ file }) => file))
      const renamed = new Set(fresh.map(({ name }) => name))
      for (const entry of readdirSync(dir)) {
        // A partial file of a run killed while writing, once it is surely not being written.
        if (entry.endsWith('.tmp')) {
          const path = join(dir, entry)
          if (Date.now() - statSync(path).mtimeMs > 60_000) rmSync(path, { force: true })
          continue
        }
        const match = /^(.+)~[0-9a-f-]+\.v8$/.exec(entry)
        if (!match || written.has(join(dir, entry))) continue
        const source = join(root, ...match[1].split('~'))
        if (renamed.has(match[1]) || !existsSync(source)) rmSync(join(dir, entry), { force: true })
      }
    } catch {
      // A read-only or full disk: the next run compiles as this one did.
    }
  })
}

/**
 * The identity of a file on disk as hex: inode, size, and modification and change times in
 * microseconds. Any rewrite of the file (a new build) gives another key.
 */
function fileKey(path) {
  const stat = statSync(path)
  const times = [stat.mtimeMs, stat.ctimeMs].map((ms) => Math.round(ms * 1000))
  return [stat.ino, stat.size, ...times].map((n) => n.toString(16)).join('-')
}

/** Make `dir` (mode 700) if needed; true when it is a folder only this user can write to. */
function privateFolder(dir) {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    if (process.platform === 'win32') return true // under the user's own profile folder
    const folder = statSync(dir)
    return folder.isDirectory() && folder.uid === process.getuid() && (folder.mode & 0o022) === 0
  } catch {
    return false
  }
}

module.exports = { useCodeCache }
