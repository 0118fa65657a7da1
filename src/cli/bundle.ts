/**
 * Build-time help for the bundle the CLI runs from (electron.vite.config.ts): axios without its
 * fetch adapter.
 *
 * In Node (and Electron's main process) axios always sends through its `http` adapter, which comes
 * before `fetch` in its default adapter list, and no code here asks for another adapter. Yet axios
 * sets the fetch adapter up as it loads: it builds Request and Response objects to probe what the
 * runtime supports, which makes Node load its whole fetch implementation (undici, about 50 ms of
 * CPU on every CLI start). The adapter module is replaced by one that says "not available here",
 * which is what axios reports for a runtime without fetch; requests go out exactly as before.
 */
import type { Plugin } from 'vite'

const FETCH_ADAPTER = /[\\/]node_modules[\\/]axios[\\/]lib[\\/]adapters[\\/]fetch\.js$/

/** The fetch adapter's exports as axios uses them, for a runtime without fetch. */
export const NO_FETCH_ADAPTER = `export const getFetch = () => false;
export default false;
`

/** Vite/rolldown plugin: axios's fetch adapter is never set up (see the file comment). */
export function axiosWithoutFetchAdapter(): Plugin {
  let replaced = false
  return {
    name: 'flowx:axios-without-fetch-adapter',
    load(id) {
      if (!FETCH_ADAPTER.test(id)) return null
      replaced = true
      return NO_FETCH_ADAPTER
    },
    buildEnd(error) {
      // axios moved the adapter: say so rather than ship the slower start unnoticed.
      if (!error && !replaced) this.warn('axios/lib/adapters/fetch.js was not found to replace')
    }
  }
}
