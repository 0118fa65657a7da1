/** Ctrl+C (SIGINT) or SIGTERM while a command has calls in flight: cancel them, note which signal. */
import type { Signal, SignalSource } from './context'

/** Listening for an interrupt until stopped; `signal` is the one that came, if any. */
export interface InterruptWatch {
  readonly signal: Signal | undefined
  /** Stop listening (idempotent). */
  stop(): void
}

/**
 * Listen for SIGINT and SIGTERM. The first one is noted, stops the listening, then calls `cancel`:
 * a second Ctrl+C gets the default behaviour (exit at once) should cancelling stall.
 */
export function watchInterrupt(signals: SignalSource, cancel: () => void): InterruptWatch {
  let interrupted: Signal | undefined
  const handlers = new Map<Signal, () => void>()
  const stop = (): void => {
    for (const [signal, handler] of handlers) signals.off(signal, handler)
    handlers.clear()
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    handlers.set(signal, () => {
      interrupted ??= signal
      stop()
      cancel()
    })
  }
  for (const [signal, handler] of handlers) signals.on(signal, handler)
  return {
    get signal() {
      return interrupted
    },
    stop
  }
}
