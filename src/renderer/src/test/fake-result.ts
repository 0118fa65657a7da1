/**
 * Result helpers for the fake bridge and the tests that drive it: `ok` and `failed` build the
 * Results a bridge call answers, `deferred` holds a call open until the test lets it go.
 */
import type { AppError, Result } from '@shared/errors'

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function failed<T = never>(error: AppError): Result<T> {
  return { ok: false, error }
}

/** A promise with its resolve handle, for holding a bridge call open. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}
