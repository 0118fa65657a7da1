/**
 * The renderer's only door (security.md IPC-1, STYLE.md A3): `window.flowx.<domain>.<method>`,
 * generated from the contract, each a fixed `ipcRenderer.invoke(channel, input)`. Nothing generic,
 * no `ipcRenderer`, no `process`: the page gets named methods and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron'

import {
  bridgePath,
  CHANNELS,
  subscriptionPath,
  SUBSCRIPTIONS,
  type Channel,
  type FlowxApi,
  type Subscription
} from '../shared/contract'

type Method = (input?: unknown) => unknown

/** Listen to one push channel; returns the unsubscribe. */
export type Listen = (name: Subscription, deliver: (payload: unknown) => void) => () => void

/**
 * Build the frozen bridge object; `invoke` is bound per method to one fixed channel, and each
 * subscription becomes `on<Event>(callback)`, which hands the callback the payload only.
 */
export function buildBridge(
  invoke: (channel: Channel, input: unknown) => Promise<unknown>,
  listen: Listen
): FlowxApi {
  const api: Record<string, Record<string, Method>> = {}
  for (const channel of CHANNELS) {
    const [domain, method] = bridgePath(channel)
    api[domain] ??= {}
    // Exactly one argument goes through: extra arguments from the page are dropped.
    api[domain][method] = (input?: unknown) => invoke(channel, input)
  }
  for (const name of SUBSCRIPTIONS) {
    const [domain, method] = subscriptionPath(name)
    api[domain] ??= {}
    api[domain][method] = (callback: unknown) => {
      if (typeof callback !== 'function') throw new TypeError(`${method} needs a function`)
      return listen(name, (payload) => (callback as (payload: unknown) => void)(payload))
    }
  }
  for (const domain of Object.values(api)) Object.freeze(domain)
  return Object.freeze(api) as unknown as FlowxApi
}

// Without context isolation the page would share this world: expose nothing rather than leak.
if (process.contextIsolated) {
  contextBridge.exposeInMainWorld(
    'flowx',
    buildBridge(
      (channel, input) => ipcRenderer.invoke(channel, input),
      (name, deliver) => {
        // The page never sees Electron's event object (it carries `sender`): the payload only.
        const listener = (_event: unknown, payload: unknown): void => deliver(payload)
        ipcRenderer.on(name, listener)
        return () => void ipcRenderer.removeListener(name, listener)
      }
    )
  )
}
