/**
 * Test support: a small tmpfs of its own, for full-disk and read-only-mount tests. Mounting needs
 * root (or CAP_SYS_ADMIN); where the machine refuses, `mountTmpfs` returns the reason to skip with.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestMount {
  dir: string
  /** Remount read-only (everything already there stays readable). */
  readOnly(): void
  remove(): void
}

/** Mount a tmpfs of `size` (e.g. '64k') on a fresh folder, or say why it cannot be done here. */
export function mountTmpfs(size: string): TestMount | string {
  if (process.platform !== 'linux') return `tmpfs mounts are Linux only (${process.platform})`
  const dir = mkdtempSync(join(tmpdir(), 'flowx-mount-'))
  const run = (args: string[]): string | undefined => {
    const result = spawnSync('mount', args, { encoding: 'utf8' })
    if (result.error) return result.error.message
    return result.status === 0 ? undefined : result.stderr.trim() || `mount exited ${result.status}`
  }
  const failed = run(['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir])
  if (failed) {
    rmSync(dir, { recursive: true, force: true })
    return `this machine does not allow mounting a tmpfs (${failed})`
  }
  return {
    dir,
    readOnly() {
      const why = run(['-o', 'remount,ro', dir])
      if (why) throw new Error(`remount read-only failed: ${why}`)
    },
    remove() {
      spawnSync('umount', ['-l', dir])
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
