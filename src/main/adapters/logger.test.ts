import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { MASK, Redactor } from '../../core/logging/redact'
import { createFileLogger } from './logger'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-log-'))
})

afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('createFileLogger (LOG-1)', () => {
  it('writes redacted lines to the given file', async () => {
    const redactor = new Redactor()
    redactor.add('TOKEN-0f9e8d7c')
    const file = join(dir, 'logs', 'main.log')
    const logger = createFileLogger(file, redactor)
    logger.error('call failed with TOKEN-0f9e8d7c', {
      headers: { Authorization: 'Bearer TOKEN-0f9e8d7c' },
      status: 401
    })
    logger.info('started')
    await expect.poll(() => existsSync(file) && readFileSync(file, 'utf8')).toContain('started')
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain('TOKEN-0f9e8d7c')
    expect(text).toContain(`call failed with ${MASK}`)
    expect(text).toContain('401')
  })
})
