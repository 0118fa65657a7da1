/** `flowx-launcher library list`: the saved launches (and playlists) of every library folder. */
import type { CliContext } from '../context'
import { EXIT, type ExitCode } from '../exit-codes'
import { clean, table } from '../output'

export interface LibraryFlags {
  json?: boolean
  dataDir?: string
}

export async function runLibraryList(ctx: CliContext, flags: LibraryFlags): Promise<ExitCode> {
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    const { folders, entries } = await core.library.list()
    for (const folder of folders) {
      if (folder.error) ctx.out.err(`flowx-launcher: ${clean(folder.error)}`)
    }
    if (flags.json) {
      for (const e of entries) {
        ctx.out.json({
          name: e.name,
          kind: e.kind,
          status: e.status,
          ...(e.error ? { error: e.error } : {}),
          tags: e.tags,
          mode: e.mode ?? null,
          processName: e.processName ?? null,
          description: e.description,
          path: core.library.pathOf(e),
          updatedAt: e.updatedAt
        })
      }
      return EXIT.STARTED
    }
    if (entries.length === 0) {
      ctx.out.out(`The library is empty (${folders[0].path}).`)
      return EXIT.STARTED
    }
    ctx.out.out(
      ...table(
        ['NAME', 'KIND', 'TAGS', 'PROCESS', 'FILE'],
        entries.map((e) => [
          e.status === 'broken' ? `${e.name} (broken)` : e.name,
          e.kind,
          e.tags.join(','),
          e.processName ?? '',
          core.library.pathOf(e)
        ])
      )
    )
    for (const e of entries.filter((x) => x.status === 'broken')) {
      ctx.out.err(`flowx-launcher: ${core.library.pathOf(e)} is broken: ${clean(e.error ?? '')}`)
    }
    return EXIT.STARTED
  } finally {
    await core.close()
  }
}
