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

/** Vite/rolldown plugin: axios without its fetch adapter and form-data (see the file comment). */
export function axiosForTextBodies(): Plugin {
  const replaced = new Set<RegExp>()
  return {
    name: 'flowx:axios-for-text-bodies',
    load(id) {
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
    }
  }
}
