/**
 * Where deleted files wait for an Undo: each deletion is a folder named by its undo token, holding
 * the file with its bytes unchanged and `origin.json` (where it came from). Folders older than the
 * keeping time are removed at the next deletion.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'

import { AppFailure } from '../../shared/errors'
import { readIfExists } from './atomic'

const ORIGIN = 'origin.json'
const TOKEN = /^[0-9a-f]{32}$/

/** A deletion taken back out of the trash: where it came from and where its file waits. */
export interface TrashedFile<O> {
  origin: O
  /** The kept file; move it back, then call `forget`. */
  path: string
  /** Remove what is left of the deletion. */
  forget(): Promise<void>
}

export class FileTrash<O extends object> {
  /**
   * @param dir the trash folder.
   * @param keepDays how long a deletion can be undone.
   */
  constructor(
    private readonly dir: string,
    private readonly keepDays = 7
  ) {}

  /** Move `path` into the trash, remembering `origin`; returns the undo token. */
  async put(path: string, origin: O): Promise<string> {
    await this.prune()
    const token = randomUUID().replace(/-/g, '')
    const folder = join(this.dir, token)
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, ORIGIN), JSON.stringify(origin))
    await rename(path, join(folder, basename(path)))
    return token
  }

  /** The deletion behind `token`; a token that is not one, or is gone, gets a clear message. */
  async take(token: string): Promise<TrashedFile<O>> {
    if (!TOKEN.test(token)) throw new AppFailure('INVALID_INPUT', 'That is not an undo token.')
    const folder = join(this.dir, token)
    const originText = await readIfExists(join(folder, ORIGIN))
    const kept = (await readdir(folder).catch(() => [] as string[])).find((n) => n !== ORIGIN)
    if (originText === undefined || kept === undefined) {
      throw new AppFailure('RECORD_NOT_FOUND', 'That deletion can no longer be undone.')
    }
    return {
      origin: JSON.parse(originText) as O,
      path: join(folder, kept),
      forget: () => rm(folder, { recursive: true, force: true })
    }
  }

  private async prune(): Promise<void> {
    const cutoff = Date.now() - this.keepDays * 24 * 3600 * 1000
    const names = await readdir(this.dir).catch(() => [] as string[])
    await Promise.all(
      names.map(async (name) => {
        const info = await stat(join(this.dir, name)).catch(() => undefined)
        if (info && info.mtimeMs < cutoff)
          await rm(join(this.dir, name), { recursive: true, force: true })
      })
    )
  }
}
