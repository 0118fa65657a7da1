/**
 * The renderer's only door (security.md IPC-1, STYLE.md A3): `window.flowx.<domain>.<method>`,
 * generated from the contract, each a fixed `ipcRenderer.invoke(channel, input)`. Nothing generic,
 * no `ipcRenderer`, no `process`: the page gets named methods and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron'

import { bridgePath, CHANNELS, type Channel, type FlowxApi } from '../shared/contract'

type Method = (input?: unknown) => Promise<unknown>

/** Build the frozen bridge object; `invoke` is bound per method to one fixed channel. */
export function buildBridge(
  invoke: (channel: Channel, input: unknown) => Promise<unknown>
): FlowxApi {
  const api: Record<string, Record<string, Method>> = {}
  for (const channel of CHANNELS) {
    const [domain, method] = bridgePath(channel)
    api[domain] ??= {}
    // Exactly one argument goes through: extra arguments from the page are dropped.
    api[domain][method] = (input?: unknown) => invoke(channel, input)
  }
  for (const domain of Object.values(api)) Object.freeze(domain)
  return Object.freeze(api) as unknown as FlowxApi
}

// Without context isolation the page would share this world: expose nothing rather than leak.
if (process.contextIsolated) {
  contextBridge.exposeInMainWorld(
    'flowx',
    buildBridge((channel, input) => ipcRenderer.invoke(channel, input))
  )
}
