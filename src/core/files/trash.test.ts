import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { FileTrash } from './trash'

let root: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'flowx-trash-'))
  mkdirSync(join(root, 'folder'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('FileTrash', () => {
  it('keeps the bytes and the origin until the deletion is taken back, once', async () => {
    const trash = new FileTrash<{ folder: string }>(join(root, 'trash'))
    const file = join(root, 'folder', 'a.launch.json')
    writeFileSync(file, '{"n": 9007199254740993}\n')
    const token = await trash.put(file, { folder: 'folder' })
    expect(token).toMatch(/^[0-9a-f]{32}$/)

    const taken = await trash.take(token)
    expect(taken.origin).toEqual({ folder: 'folder' })
    expect(readFileSync(taken.path, 'utf8')).toBe('{"n": 9007199254740993}\n')
    await rename(taken.path, file)
    await taken.forget()
    await expect(trash.take(token)).rejects.toMatchObject({
      error: { code: 'RECORD_NOT_FOUND', message: 'That deletion can no longer be undone.' }
    })
  })

  it('refuses what is not an undo token, so no path outside the trash is ever read', async () => {
    const trash = new FileTrash(join(root, 'trash'))
    for (const token of ['../folder', 'x'.repeat(32), '']) {
      await expect(trash.take(token)).rejects.toMatchObject({ error: { code: 'INVALID_INPUT' } })
    }
  })

  it('forgets deletions older than the keeping time at the next deletion', async () => {
    const trash = new FileTrash(join(root, 'trash'), 7)
    writeFileSync(join(root, 'folder', 'old.json'), 'old')
    writeFileSync(join(root, 'folder', 'new.json'), 'new')
    const old = await trash.put(join(root, 'folder', 'old.json'), {})
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000)
    utimesSync(join(root, 'trash', old), eightDaysAgo, eightDaysAgo)
    const recent = await trash.put(join(root, 'folder', 'new.json'), {})
    await expect(trash.take(old)).rejects.toMatchObject({ error: { code: 'RECORD_NOT_FOUND' } })
    expect(readFileSync((await trash.take(recent)).path, 'utf8')).toBe('new')
  })
})
