import { describe, expect, it } from 'vitest'

import { launchReason } from './launch-reason'

describe('launch reason', () => {
  it('is empty for a started launch and says why for the others', () => {
    expect(launchReason({ status: 'started' }).short).toBe('')
    expect(launchReason({ status: 'pending' }).short).toBe('Waiting for the answer')
    expect(
      launchReason({
        status: 'failed',
        httpStatus: 404,
        error: { code: 'NOT_FOUND', message: 'Process definition not found.', httpStatus: 404 }
      })
    ).toEqual({ short: 'Not found (404)', full: 'Process definition not found.' })
    expect(
      launchReason({
        status: 'failed',
        error: { code: 'SERVER', message: 'Boom.', httpStatus: 503 }
      }).short
    ).toBe('Server error (503)')
    expect(launchReason({ status: 'unknown' }).short).toBe('No answer: outcome unknown')
    expect(launchReason({ status: 'failed', httpStatus: 418 }).short).toBe('HTTP 418')
  })

  it('prefers the short reason the ledger keeps', () => {
    expect(
      launchReason({
        status: 'failed',
        failureReason: 'Token expired',
        error: { code: 'UNAUTHORIZED', message: 'The token expired at 10:00.' }
      })
    ).toEqual({ short: 'Token expired', full: 'The token expired at 10:00.' })
  })
})
