/** Opening a library folder of 1,000 saved launches (target ≤ 300 ms), for templates.bench.ts. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

import { launchFileText } from '../../src/core/library/launch-file'
import { Library } from '../../src/core/library/library'

const COUNT = 1_000

export async function benchLibrary(
  report: (name: string, samples: number[]) => void
): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'flowx-library-bench-'))
  try {
    const dir = join(root, 'library')
    const library = new Library({
      defaultDir: dir,
      trashDir: join(root, 'trash'),
      folders: { read: () => [], write: () => undefined }
    })
    await library.list()
    for (let i = 0; i < COUNT; i++) {
      const fields = Array.from({ length: 30 }, (_, f) => `"field${f}": "{{value${f}}}"`).join(', ')
      writeFileSync(
        join(dir, `launch-${i}.launch.json`),
        launchFileText({
          name: `Launch ${i}`,
          description: `Saved launch number ${i}`,
          tags: ['bench', `group-${i % 10}`],
          target: {
            mode: 'build',
            workspaceId: '',
            appId: '{{appId}}',
            buildId: '{{buildId}}',
            processName: `process_${i % 20}`
          },
          payload: `{"customerId": ${9007199254740000 + i}, "ref": "{{$uuid}}", ${fields}}`,
          variables: { value1: 'a', value2: 'b' },
          ticket: '',
          notes: ''
        })
      )
    }
    console.log(`Library: ${COUNT} saved launches (~1 KB each) in one folder`)
    const samples: number[] = []
    for (let run = 0; run < 20; run++) {
      const t0 = performance.now()
      const listing = await library.list()
      samples.push(performance.now() - t0)
      if (listing.entries.length !== COUNT) throw new Error('not every file was listed')
    }
    report('open a folder of 1,000 saved launches (target ≤ 300 ms)', samples)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
