/** A ledger of `count` completed launches, one a second, oldest first (History at depth). */
import type { Core } from '../src/core/app'
import { makeBenchLaunch, makeCompletion, makeRandom } from '../scripts/bench/ledger-data'

const BATCH = 5_000

export async function seedHistory(core: Core, count: number): Promise<void> {
  const random = makeRandom(13)
  let tokenId = 1
  const start = Date.now() - count * 1000
  for (let done = 0; done < count; done += BATCH) {
    const size = Math.min(BATCH, count - done)
    const begun = await core.ledger.beginMany(
      Array.from({ length: size }, (_, i) =>
        makeBenchLaunch(random, new Date(start + (done + i) * 1000).toISOString())
      )
    )
    await core.ledger.completeMany(
      begun.map((r) => ({ id: r.id, completion: makeCompletion(random, () => tokenId++) }))
    )
  }
  // Indexed as a history built up over time is (in idle moments), not all at the first search:
  // written in one go, 100,000 launches take the first search about ten seconds to index.
  await core.ledger.flush()
}
