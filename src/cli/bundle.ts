/**
 * Build-time help for the main-process bundle the CLI runs from (electron.vite.config.ts): axios
 * without the two parts FlowX Launcher never uses, which cost every CLI start most of its library
 * loading time.
 *
 * - The fetch adapter. In Node (and Electron's main process) axios sends through its `http`
 *   adapter, which comes before `fetch` in its default adapter list, and no code here asks for
 *   another. Yet axios sets the fetch adapter up as it loads: it builds Request and Response
 *   objects to probe the runtime, which makes Node load its whole fetch implementation (undici,
 *   about 50 ms of CPU). Replaced by what axios reports for a runtime without fetch.
 * - The form-data package, for multipart bodies: with it come mime-db (180 KB of JavaScript) and
 *   mime-types, which indexes it as it loads. Every body sent here is text (a JSON payload, a
 *   token request's URL-encoded form), so axios never builds a FormData; should it ever try, it
 *   fails with a message that says why instead of sending something else.
 *
 * - node:http2, which axios imports as it loads, for HTTP/2 requests no code here makes: it is
 *   loaded on first use instead (about 5 ms of every CLI start otherwise).
 *
 * Requests go out byte for byte as before.
 */
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

/** What axios's `import http2 from 'http2'` gets: node:http2, loaded when first used. */
export const LAZY_HTTP2 = `const http2 = () => process.getBuiltinModule('node:http2');
export default {
  get constants() {
    return http2().constants;
  },
  connect(...args) {
    return http2().connect(...args);
  }
};
`
/** The name axios's http2 imports are given, and the module it resolves to. */
const LAZY_HTTP2_NAME = 'flowx:lazy-http2'
const LAZY_HTTP2_ID = `\0${LAZY_HTTP2_NAME}`
/** The axios files that import http2, and how they do. */
const HTTP2_IMPORTERS = new RegExp(
  `${AXIOS}(adapters[\\\\/]http|helpers[\\\\/]Http2Sessions)\\.js$`
)
export const HTTP2_IMPORT = "import http2 from 'http2';"

/**
 * Vite/rolldown plugin: axios without its fetch adapter and form-data, and with node:http2 loaded
 * on first use (see the file comment).
 */
export function axiosForTextBodies(): Plugin {
  const replaced = new Set<RegExp>()
  let http2Imports = 0
  return {
    name: 'flowx:axios-for-text-bodies',
    // Built-in modules are external before any resolveId hook runs: the import is renamed instead.
    transform(code, id) {
      if (!HTTP2_IMPORTERS.test(id)) return null
      if (!code.includes(HTTP2_IMPORT)) this.error(`${id} no longer has ${HTTP2_IMPORT}`)
      http2Imports++
      return {
        code: code.replace(HTTP2_IMPORT, `import http2 from '${LAZY_HTTP2_NAME}';`),
        map: null
      }
    },
    resolveId(source) {
      return source === LAZY_HTTP2_NAME ? LAZY_HTTP2_ID : null
    },
    load(id) {
      if (id === LAZY_HTTP2_ID) return LAZY_HTTP2
      const hit = AXIOS_REPLACEMENTS.find(({ file }) => file.test(id))
      if (!hit) return null
      replaced.add(hit.file)
      return hit.source
    },
    buildEnd(error) {
      // axios moved a file: say so rather than ship the slower start unnoticed.
      const missed = AXIOS_REPLACEMENTS.filter(({ file }) => !replaced.has(file))
      if (!error && missed.length > 0) {
        this.warn(`axios files not found to replace: ${missed.map((m) => m.file).join(', ')}`)
      }
      if (!error && http2Imports === 0) this.warn('no axios file imports http2 any more')
    }
  }
}
