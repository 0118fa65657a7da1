/**
 * Build-time help for the main-process bundle the CLI runs from (electron.vite.config.ts): the
 * libraries bundled without what FlowX Launcher never uses, which cost every CLI start most of its
 * library loading time.
 *
 * - axios's fetch adapter. In Node (and Electron's main process) axios sends through its `http`
 *   adapter, which comes before `fetch` in its default adapter list, and no code here asks for
 *   another. Yet axios sets the fetch adapter up as it loads: it builds Request and Response
 *   objects to probe the runtime, which makes Node load its whole fetch implementation (undici,
 *   about 50 ms of CPU). Replaced by what axios reports for a runtime without fetch.
 * - The form-data package, for multipart bodies: with it come mime-db (180 KB of JavaScript) and
 *   mime-types, which indexes it as it loads. Every body sent here is text (a JSON payload, a
 *   token request's URL-encoded form), so axios never builds a FormData; should it ever try, it
 *   fails with a message that says why instead of sending something else.
 * - node:http2, which axios imports as it loads, for HTTP/2 requests no code here makes, and
 *   node:child_process, which commander imports for subcommands run as separate programs (there
 *   are none): loaded on first use instead (about 7 ms of every CLI start otherwise).
 * - The other Node built-ins axios and commander import (`import util from 'util'`) are handed
 *   over as they are. The bundler's interop would copy each one property by property, and reading
 *   node:util's properties that way loads some forty internal modules nothing here uses.
 *
 * Requests go out byte for byte as before.
 */
import { builtinModules } from 'node:module'

import type { Plugin } from 'vite'

const AXIOS = '[\\\\/]node_modules[\\\\/]axios[\\\\/]lib[\\\\/]'

/** Module path (within axios/lib) → the source that replaces it. */
export const AXIOS_REPLACEMENTS: ReadonlyArray<{ file: RegExp; source: string }> = [
  {
    file: new RegExp(`${AXIOS}adapters[\\\\/]fetch\\.js$`),
    source: 'export const getFetch = () => false;\nexport default false;\n'
  },
  {
    file: new RegExp(`${AXIOS}platform[\\\\/]node[\\\\/]classes[\\\\/]FormData\\.js$`),
    source: `export default class FormData {
  constructor() {
    throw new Error('Multipart (FormData) bodies are not supported: FlowX Launcher sends JSON and URL-encoded text.');
  }
}
`
  }
]

/** The ES sources whose default imports of Node built-ins are rewritten. */
const BUILTIN_IMPORTERS =
  /[\\/]node_modules[\\/](axios[\\/]lib|commander[\\/](lib[\\/]|index\.js$|esm\.mjs$))/
/** `import name from 'util';` or `import name from 'node:util';`, one per line. */
const DEFAULT_IMPORT = /^import ([A-Za-z_$][\w$]*) from '(?:node:)?([a-z_0-9/]+)';$/gm
/** The import name a rewritten built-in import uses. */
const PREFIX = 'flowx:builtin:'

/**
 * Built-ins loaded on first use, with what the libraries use of them: axios's http2 (adapters/
 * http.js, helpers/Http2Sessions.js) and commander's child_process (executable subcommands).
 */
export const LAZY_BUILTINS: Readonly<Record<string, { calls: string[]; values: string[] }>> = {
  http2: { calls: ['connect'], values: ['constants'] },
  child_process: { calls: ['spawn'], values: [] }
}

/** The module a rewritten import of `name` resolves to. */
export function builtinSource(name: string): string {
  const load = `process.getBuiltinModule('node:${name}')`
  const lazy = LAZY_BUILTINS[name]
  if (!lazy) return `export default ${load};\n`
  const members = [
    ...lazy.values.map((v) => `  get ${v}() {\n    return builtin().${v};\n  }`),
    ...lazy.calls.map((f) => `  ${f}(...args) {\n    return builtin().${f}(...args);\n  }`)
  ]
  return `const builtin = () => ${load};\nexport default {\n${members.join(',\n')}\n};\n`
}

/** Rewrite the default imports of Node built-ins in `code`; undefined when it has none. */
export function rewriteBuiltinImports(code: string): string | undefined {
  let found = false
  const rewritten = code.replace(DEFAULT_IMPORT, (line, local: string, name: string) => {
    if (!builtinModules.includes(name)) return line
    found = true
    return `import ${local} from '${PREFIX}${name}';`
  })
  return found ? rewritten : undefined
}

/** Vite/rolldown plugin: the libraries bundled as the file comment says. */
export function leanLibraries(): Plugin {
  const replaced = new Set<RegExp>()
  let rewrites = 0
  return {
    name: 'flowx:lean-libraries',
    // Built-in modules are external before any resolveId hook runs: the imports are renamed.
    transform(code, id) {
      if (!BUILTIN_IMPORTERS.test(id)) return null
      const rewritten = rewriteBuiltinImports(code)
      if (rewritten === undefined) return null
      rewrites++
      return { code: rewritten, map: null }
    },
    resolveId(source) {
      return source.startsWith(PREFIX) ? `\0${source}` : null
    },
    load(id) {
      if (id.startsWith(`\0${PREFIX}`)) return builtinSource(id.slice(PREFIX.length + 1))
      const hit = AXIOS_REPLACEMENTS.find(({ file }) => file.test(id))
      if (!hit) return null
      replaced.add(hit.file)
      return hit.source
    },
    buildEnd(error) {
      // A library moved a file: say so rather than ship the slower start unnoticed.
      const missed = AXIOS_REPLACEMENTS.filter(({ file }) => !replaced.has(file))
      if (!error && missed.length > 0) {
        this.warn(`axios files not found to replace: ${missed.map((m) => m.file).join(', ')}`)
      }
      if (!error && rewrites === 0) this.warn('no built-in import of axios or commander rewritten')
    }
  }
}
