import { describe, expect, it } from 'vitest'

import type { LaunchStatus } from '../shared/domain'
import { ERROR_CODES, type ErrorCode } from '../shared/errors'
import { EXIT, exitCodeForError, exitCodeForLaunch, exitCodeForSignal } from './exit-codes'

describe('exitCodeForLaunch', () => {
  const table: Array<[LaunchStatus, ErrorCode | undefined, number]> = [
    ['started', undefined, 0],
    ['failed', 'UNAUTHORIZED', 1],
    ['failed', 'FORBIDDEN', 1],
    ['failed', 'NOT_FOUND', 1],
    ['failed', 'VALIDATION', 1],
    ['failed', 'PAYLOAD_TOO_LARGE', 1],
    ['failed', 'HTTP_ERROR', 1],
    ['failed', 'SERVER', 1],
    ['failed', 'REDIRECT', 1],
    ['failed', 'NETWORK', 3],
    ['failed', 'TIMEOUT', 3],
    ['failed', 'CANCELLED', 3],
    ['failed', 'TLS', 3],
    ['failed', 'UNREADABLE_RESPONSE', 3],
    ['failed', 'INTERNAL', 3],
    ['failed', undefined, 3],
    ['unknown', 'TIMEOUT', 3],
    ['unknown', 'NETWORK', 3],
    ['unknown', 'CANCELLED', 3],
    ['unknown', 'UNREADABLE_RESPONSE', 3],
    ['unknown', undefined, 3],
    ['pending', undefined, 3]
  ]

  it.each(table)('%s with %s exits %i', (status, code, expected) => {
    expect(exitCodeForLaunch({ status, error: code ? { code } : undefined })).toBe(expected)
  })

  it('maps every error code of a failed launch to 1 or 3, never to 0 or 2', () => {
    for (const code of ERROR_CODES) {
      expect([1, 3]).toContain(exitCodeForLaunch({ status: 'failed', error: { code } }))
    }
  })

  it('calls a launch started whatever error rode along', () => {
    expect(exitCodeForLaunch({ status: 'started', error: { code: 'NETWORK' } })).toBe(0)
  })
})

describe('exitCodeForError', () => {
  it('is 2 for anything thrown before the launch call, whatever the code', () => {
    for (const code of ERROR_CODES) expect(exitCodeForError({ code }, 'before-launch')).toBe(2)
  })

  it.each([
    ['INVALID_INPUT', 2],
    ['INVALID_PAYLOAD', 2],
    ['PAYLOAD_TOO_LARGE', 2],
    ['BUSY', 3],
    ['INTERNAL', 3],
    ['NETWORK', 3]
  ] as const)('is %s → %i when thrown from inside the launch call', (code, expected) => {
    expect(exitCodeForError({ code }, 'during-launch')).toBe(expected)
  })
})

describe('exitCodeForSignal', () => {
  it('follows the shell convention of 128 + signal number', () => {
    expect(exitCodeForSignal('SIGINT')).toBe(130)
    expect(exitCodeForSignal('SIGTERM')).toBe(143)
    expect(EXIT.SIGINT).toBe(128 + 2)
  })
})
