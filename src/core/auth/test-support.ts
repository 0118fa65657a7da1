/** Helpers for the token tests: a manager with a recording logger, token-call counting, fake JWTs. */
import type { Sandbox } from '../../sandbox/types'
import { Redactor } from '../logging/redact'
import type { Logger } from '../ports'
import { TokenManager, type TokenManagerDeps } from './token-manager'

/** One line the manager logged. */
export interface LoggedLine {
  level: 'info' | 'warn' | 'error'
  message: string
  meta?: Record<string, unknown>
}

/** A manager whose logger records every line, with an adjustable local clock. */
export function testManager(extra: Partial<TokenManagerDeps> = {}): {
  manager: TokenManager
  redactor: Redactor
  lines: LoggedLine[]
  clock: { offsetMs: number }
} {
  const redactor = new Redactor()
  const lines: LoggedLine[] = []
  const record =
    (level: LoggedLine['level']) =>
    (message: string, meta?: Record<string, unknown>): void => {
      lines.push({ level, message, ...(meta ? { meta } : {}) })
    }
  const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') }
  const clock = { offsetMs: 0 }
  const manager = new TokenManager({
    redactor,
    logger,
    now: () => Date.now() + clock.offsetMs,
    timeouts: { inactivityTimeoutMs: 5_000, deadlineMs: 10_000 },
    ...extra
  })
  return { manager, redactor, lines, clock }
}

/** The grant_type of every token request the sandbox received, oldest first. */
export function grantsSeen(sandbox: Sandbox): string[] {
  return sandbox.requests
    .filter((r) => r.method === 'POST' && r.rawPath.endsWith('/protocol/openid-connect/token'))
    .map((r) => new URLSearchParams(r.body).get('grant_type') ?? '')
}

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** An unsigned JWT-shaped token with the given claims. */
export function fakeJwt(claims: Record<string, unknown>): string {
  return `${base64Url({ alg: 'none', typ: 'JWT' })}.${base64Url(claims)}.c2ln`
}
