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
 * - node:http2, which axios imports as it loads, for HTTP/2 requests no code here makes,
 *   node:https (and node:tls behind it), for https calls only, and node:child_process, which
 *   commander imports for subcommands run as separate programs (there are none): loaded on first
 *   use instead (about 7 ms of every CLI start otherwise, and node:tls about 15 ms more).
 * - follow-redirects and https-proxy-agent, which axios's http adapter imports as it loads, with
 *   debug, agent-base and node:assert and node:tty behind them: every call here has maxRedirects 0
 *   and its own proxy route (core/net), so axios never asks for them. They load on first use.
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

/** axios's http adapter, whose imports of follow-redirects and https-proxy-agent load on first use. */
const HTTP_ADAPTER = new RegExp(`${AXIOS}adapters[\\\\/]http\\.js$`)

/**
 * The edits that make the http adapter take follow-redirects and https-proxy-agent on first use:
 * the imports name a module of ours, and the two follow-redirects transports are read where the
 * adapter uses them rather than once as it loads. All of them or none.
 */
const LAZY_ADAPTER_EDITS: ReadonlyArray<[from: string, to: string]> = [
  [
    "import HttpsProxyAgent from 'https-proxy-agent';",
    "import HttpsProxyAgent from 'flowx:lazy:https-proxy-agent';"
  ],
  [
    "import followRedirects from 'follow-redirects';",
    "import followRedirects from 'flowx:lazy:follow-redirects';"
  ],
  ['const { http: httpFollow, https: httpsFollow } = followRedirects;\n', ''],
  [
    'transport = isHttpsRequest ? httpsFollow : httpFollow;',
    'transport = isHttpsRequest ? followRedirects.https : followRedirects.http;'
  ]
]

/**
 * Before each request axios asks whether this Node has native proxy support by reading
 * `process.allowedNodeEnvironmentFlags`, which makes Node list and index all of its options (about
 * a millisecond and 150 KB, once per process: a one-shot start pays it in full). The same file
 * answers the same question from the Node version (isNodeNativeEnvProxySupported): asked that way.
 */
const NATIVE_PROXY_CHECK: [from: string, to: string] = [
  `  if (
    !process.allowedNodeEnvironmentFlags ||
    !process.allowedNodeEnvironmentFlags.has('--use-env-proxy')
  ) {`,
  '  if (!isNodeNativeEnvProxySupported()) {'
]

/** Apply every edit, each found exactly once; undefined when one is not. */
function editAll(
  code: string,
  edits: ReadonlyArray<[from: string, to: string]>
): string | undefined {
  let edited = code
  for (const [from, to] of edits) {
    if (edited.split(from).length !== 2) return undefined
    edited = edited.replace(from, to)
  }
  return edited
}

/** The http adapter's source with its two libraries taken on first use; undefined if it has changed. */
export function lazyAdapterImports(code: string): string | undefined {
  return editAll(code, LAZY_ADAPTER_EDITS)
}

/** The http adapter's source asking the Node version for native proxy support; undefined if changed. */
export function nativeProxyCheckByVersion(code: string): string | undefined {
  return code.includes('function isNodeNativeEnvProxySupported(')
    ? editAll(code, [NATIVE_PROXY_CHECK])
    : undefined
}

/**
 * The module standing for `library` (at `path`), loading it on first use: https-proxy-agent's
 * agent class (built with `new`, recognised with `instanceof`), follow-redirects' transports.
 */
export function lazyLibrarySource(library: string, path: string): string {
  const head = `let loaded;\nconst load = () => (loaded ??= require(${JSON.stringify(path)}));\n`
  if (library === 'https-proxy-agent') {
    return `${head}function HttpsProxyAgent(options) {
  return new (load())(options);
}
Object.defineProperty(HttpsProxyAgent, Symbol.hasInstance, {
  value: (value) => loaded !== undefined && value instanceof loaded
});
export default HttpsProxyAgent;
`
  }
  return `${head}export default {
  get http() {
    return load().http;
  },
  get https() {
    return load().https;
  }
};
`
}

/** The ES sources whose default imports of Node built-ins are rewritten. */
const BUILTIN_IMPORTERS =
  /[\\/]node_modules[\\/](axios[\\/]lib|commander[\\/](lib[\\/]|index\.js$|esm\.mjs$))/
/** `import name from 'util';` or `import name from 'node:util';`, one per line. */
const DEFAULT_IMPORT = /^import ([A-Za-z_$][\w$]*) from '(?:node:)?([a-z_0-9/]+)';$/gm
/** The import name a rewritten built-in import uses. */
const PREFIX = 'flowx:builtin:'
/** The import name of a library loaded on first use. */
const LAZY = 'flowx:lazy:'

/**
 * Built-ins loaded on first use, with what the libraries use of them: axios's http2 (adapters/
 * http.js, helpers/Http2Sessions.js) and https (adapters/http.js: the transport, agent class and
 * global agent of an https call; node:https brings Node's TLS layer, about 15 ms, which a call to
 * an http:// URL never uses), and commander's child_process (executable subcommands).
 */
export const LAZY_BUILTINS: Readonly<Record<string, { calls: string[]; values: string[] }>> = {
  http2: { calls: ['connect'], values: ['constants'] },
  https: { calls: ['request', 'get'], values: ['Agent', 'globalAgent'] },
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
  /** The http adapter's file, once its imports are made lazy: where the libraries resolve from. */
  let adapter: string | undefined
  return {
    name: 'flowx:lean-libraries',
    // Built-in modules are external before any resolveId hook runs: the imports are renamed.
    transform(code, id) {
      if (!BUILTIN_IMPORTERS.test(id)) return null
      let rewritten = rewriteBuiltinImports(code)
      if (HTTP_ADAPTER.test(id)) {
        const lazy = lazyAdapterImports(rewritten ?? code)
        if (lazy === undefined) {
          this.warn(
            'axios http adapter changed: follow-redirects and https-proxy-agent load eagerly'
          )
        } else {
          rewritten = lazy
          adapter = id
        }
        const byVersion = nativeProxyCheckByVersion(rewritten ?? code)
        if (byVersion === undefined) {
          this.warn(
            'axios http adapter changed: its native proxy check lists all of Node’s options'
          )
        } else {
          rewritten = byVersion
        }
      }
      if (rewritten === undefined) return null
      rewrites++
      return { code: rewritten, map: null }
    },
    resolveId(source) {
      return source.startsWith(PREFIX) || source.startsWith(LAZY) ? `\0${source}` : null
    },
    load(id) {
      if (id.startsWith(`\0${PREFIX}`)) return builtinSource(id.slice(PREFIX.length + 1))
      if (id.startsWith(`\0${LAZY}`)) {
        const library = id.slice(LAZY.length + 1)
        // Resolved from the adapter, so it is the copy axios itself depends on.
        return (adapter ? this.resolve(library, adapter) : Promise.resolve(null)).then((found) =>
          found
            ? lazyLibrarySource(library, found.id)
            : this.error(`${library} not found from the axios http adapter`)
        )
      }
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
