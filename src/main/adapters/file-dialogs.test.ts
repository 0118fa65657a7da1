import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it, vi } from 'vitest'

import { createFileDialogs } from './file-dialogs'

vi.mock('electron', () => import('../test-support/fake-electron'))

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowx-dialogs-'))
  dirs.push(dir)
  return dir
}

function fakeDialog(answer: { save?: string; open?: string }) {
  return {
    showSaveDialog: vi.fn(async () => ({ canceled: !answer.save, filePath: answer.save ?? '' })),
    showOpenDialog: vi.fn(async () => ({
      canceled: !answer.open,
      filePaths: answer.open ? [answer.open] : []
    }))
  }
}

describe('file dialogs', () => {
  it('writes the export where the user chose, readable by the user only', async () => {
    const file = join(tempDir(), 'profiles.json')
    const dialogs = createFileDialogs(fakeDialog({ save: file }) as never)
    await expect(dialogs.saveText('flowx-profiles.json', '{"a":1}')).resolves.toBe(file)
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}')
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('returns undefined when the user cancels either dialog', async () => {
    const dialogs = createFileDialogs(fakeDialog({}) as never)
    await expect(dialogs.saveText('x.json', '{}')).resolves.toBeUndefined()
    await expect(dialogs.openText()).resolves.toBeUndefined()
  })

  it('reads the chosen file and refuses one far too large to be an export', async () => {
    const dir = tempDir()
    const small = join(dir, 'small.json')
    writeFileSync(small, '{"format":"x"}')
    await expect(createFileDialogs(fakeDialog({ open: small }) as never).openText()).resolves.toBe(
      '{"format":"x"}'
    )
    const big = join(dir, 'big.json')
    writeFileSync(big, Buffer.alloc(5 * 1024 * 1024 + 1, 32))
    await expect(
      createFileDialogs(fakeDialog({ open: big }) as never).openText()
    ).rejects.toMatchObject({ error: { code: 'INVALID_INPUT' } })
  })

  it('picks a folder for the library, or nothing when cancelled', async () => {
    const dir = tempDir()
    const dialog = fakeDialog({ open: dir })
    await expect(createFileDialogs(dialog as never).pickFolder?.()).resolves.toBe(dir)
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({
      properties: ['openDirectory', 'createDirectory']
    })
    await expect(createFileDialogs(fakeDialog({}) as never).pickFolder?.()).resolves.toBeUndefined()
  })
})
