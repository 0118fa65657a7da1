/**
 * The one wrapper that registers IPC handlers (security.md IPC-2/3, STYLE.md A4/A5). Every channel
 * in the contract checks its sender first (fail closed), parses its input with the contract's
 * schema, and answers with a Result: errors never cross IPC as exceptions, because `handle` forwards
 * only an error's message and a message can carry a secret (LOG-1).
 *
 * This module imports Electron types only, so the browser e2e harness can register the same
 * handlers in plain Node.
 */
import type { IpcMainInvokeEvent } from 'electron'
import type { z } from 'zod'

import type { Redactor } from '../core/logging/redact'
import { serializeError } from '../core/logging/redact'
import type { Logger } from '../core/ports'
import {
  CHANNELS,
  contract,
  SUBSCRIPTIONS,
  type Channel,
  type Handlers,
  type PayloadOf,
  type Subscription
} from '../shared/contract'
import { AppFailure, type AppError, type Result } from '../shared/errors'

/**
 * Where handlers are registered: `ipcMain`, or better a window's own `webContents.ipc`. Electron
 * passes an IpcMainInvokeEvent; the event is typed `unknown` here so harness fakes fit, and the
 * sender check treats it as untrusted anyway.
 */
export interface IpcTarget {
  handle(channel: string, listener: (event: unknown, raw: unknown) => Promise<unknown>): void
}

/** Decides whether an IPC event comes from the app's own main frame. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

/** Optional extras for registerHandlers. */
export interface RegisterOptions {
  /** Masks known secret values in failure texts before they cross IPC (defence in depth). */
  redactor?: Redactor
}

const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const MAX_INPUT_DEPTH = 64
const MAX_ISSUES = 5

/** Register every contract channel on `ipc` through the checks above. */
export function registerHandlers(
  ipc: IpcTarget,
  handlers: Handlers,
  isTrustedSender: SenderCheck,
  logger: Logger,
  options: RegisterOptions = {}
): void {
  const context: Context = { handlers, isTrustedSender, logger, redactor: options.redactor }
  for (const channel of CHANNELS) {
    ipc.handle(channel, (event: unknown, raw: unknown) =>
      invokeChecked(context, channel, event as IpcMainInvokeEvent, raw)
    )
  }
}

/** The app window's webContents, as far as pushing to it goes. */
export interface PushTarget {
  isDestroyed(): boolean
  getURL(): string
  send(channel: string, payload: unknown): void
}

/** Core's push events (contract subscriptions). */
export type SubscribeFn = <S extends Subscription>(
  name: S,
  listener: (payload: PayloadOf<S>) => void
) => () => void

/**
 * Forward every contract subscription from core to the app window with `webContents.send`, and
 * only there: no window, a destroyed one, or one showing anything but the app (a check that throws
 * counts as a no) gets nothing. Returns the function that stops forwarding.
 */
export function forwardSubscriptions(
  subscribe: SubscribeFn,
  getTarget: () => PushTarget | undefined,
  isAppWindow: (target: PushTarget) => boolean
): () => void {
  const stops = SUBSCRIPTIONS.map((name) =>
    subscribe(name, (payload) => {
      const target = getTarget()
      if (!target || target.isDestroyed()) return
      if (passesPushCheck(isAppWindow, target)) target.send(name, payload)
    })
  )
  return () => {
    for (const stop of stops) stop()
  }
}

/** Run the window check; a check that throws is a no, never a yes. */
function passesPushCheck(check: (target: PushTarget) => boolean, target: PushTarget): boolean {
  try {
    return check(target) === true
  } catch {
    return false
  }
}

interface Context {
  handlers: Handlers
  isTrustedSender: SenderCheck
  logger: Logger
  redactor?: Redactor
}

async function invokeChecked(
  { handlers, isTrustedSender, logger, redactor }: Context,
  channel: Channel,
  event: IpcMainInvokeEvent,
  raw: unknown
): Promise<Result<unknown>> {
  if (!passes(isTrustedSender, event)) {
    // The channel only: arguments from an untrusted frame are never logged.
    logger.warn('Refused IPC from an untrusted sender', { channel })
    return failure('FORBIDDEN_SENDER', 'This request did not come from the app window.')
  }

  const poison = findUnsafeStructure(raw)
  if (poison) return failure('INVALID_INPUT', `Invalid input for ${channel}: ${poison}`)

  const schema: z.ZodType = contract[channel].input
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    return failure(
      'INVALID_INPUT',
      `Invalid input for ${channel}: ${describeIssues(parsed.error.issues, raw)}`
    )
  }

  try {
    const handler = handlers[channel] as (input: unknown) => unknown
    return { ok: true, value: await handler(parsed.data) }
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error: scrub(error.error, redactor) }
    logger.error(`IPC handler for ${channel} failed`, { error: serializeError(error) })
    return failure('INTERNAL', 'Something went wrong inside the app. The details are in the log.')
  }
}

/** Run the sender check; a check that throws is a refusal, never a pass. */
function passes(isTrustedSender: SenderCheck, event: IpcMainInvokeEvent): boolean {
  try {
    return isTrustedSender(event) === true
  } catch {
    return false
  }
}

function failure(code: AppError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } }
}

function scrub(error: AppError, redactor: Redactor | undefined): AppError {
  if (!redactor) return error
  const text = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : redactor.redactText(value)
  return {
    ...error,
    message: text(error.message) ?? '',
    ...(error.hint !== undefined ? { hint: text(error.hint) } : {}),
    ...(error.detail !== undefined ? { detail: text(error.detail) } : {})
  }
}

/**
 * Why an input is refused before parsing: a `__proto__`, `constructor` or `prototype` own key at
 * any depth (prototype-pollution gadgets, CVE-2026-25639), or nesting deep enough to exhaust the
 * stack. Undefined when the structure is fine.
 */
export function findUnsafeStructure(value: unknown): string | undefined {
  const ancestors = new Set<object>()
  const visit = (node: unknown, depth: number, path: string): string | undefined => {
    if (node === null || typeof node !== 'object') return undefined
    if (depth > MAX_INPUT_DEPTH) return 'the input is nested too deeply'
    if (ancestors.has(node)) return 'the input refers to itself'
    ancestors.add(node)
    try {
      for (const key of Reflect.ownKeys(node)) {
        if (typeof key === 'string' && POISON_KEYS.has(key)) {
          return `${path || 'the input'} has a forbidden key "${key}"`
        }
        const child = (node as Record<PropertyKey, unknown>)[key]
        const found = visit(child, depth + 1, joinPath(path, typeof key === 'string' ? key : '?'))
        if (found) return found
      }
    } finally {
      ancestors.delete(node)
    }
    return undefined
  }
  return visit(value, 0, '')
}

/** One readable sentence from zod issues: field paths and zod's own wording, never input values. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): string {
  const leaves = stringLeaves(raw)
  const parts = issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.reduce<string>((acc, key) => joinPath(acc, safeKey(key)), '')
    let message = issue.message
    if (issue.code === 'unrecognized_keys') {
      message = `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(safeKey).join(', ')}`
    } else if (leaves.some((leaf) => message.includes(leaf))) {
      // A custom message that quotes the value would echo renderer data (maybe a secret) back.
      message = 'Invalid value'
    }
    return path ? `${path}: ${message}` : message
  })
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : ''
  return `${parts.join('; ')}${more}`
}

function joinPath(path: string, key: string): string {
  if (/^\d+$/.test(key)) return `${path}[${key}]`
  return path ? `${path}.${key}` : key
}

/** Field names come from the renderer too: show only ordinary identifiers. */
function safeKey(key: PropertyKey): string {
  const text = String(typeof key === 'symbol' ? '?' : key)
  return /^[A-Za-z0-9_$-]{1,40}$/.test(text) ? text : '[field]'
}

function stringLeaves(value: unknown, out: string[] = [], seen = new Set<object>()): string[] {
  if (typeof value === 'string') {
    if (value.length >= 4) out.push(value)
  } else if (value !== null && typeof value === 'object' && !seen.has(value) && out.length < 1000) {
    seen.add(value)
    for (const child of Object.values(value)) stringLeaves(child, out, seen)
  }
  return out
}
