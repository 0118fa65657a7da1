/**
 * A fake `window.flowx` for renderer tests: every bridge method is a vi.fn returning a plausible
 * Result. It stands in for main; tests assert what the stores and components do with it.
 *
 * This is the entry tests import: it assembles the bridge from the per-domain fakes (fake-app,
 * fake-profiles, fake-launches, fake-batch, fake-workbench) and re-exports their fixtures and the
 * Result helpers (fake-result).
 */
import type { FlowxApi } from '@shared/contract'

import { appFakes } from './fake-app'
import { batchFakes } from './fake-batch'
import { launchFakes } from './fake-launches'
import { profileFakes } from './fake-profiles'
import { workbenchFakes } from './fake-workbench'

export { makeSettings } from './fake-app'
export { makeBuildInfo, makePlaylistEntry, makeRecord, makeSummary } from './fake-launches'
export { makeProfile, makeSecrets } from './fake-profiles'
export { deferred, failed, ok } from './fake-result'

/** A fake bridge with sensible defaults: one profile, no drafts, empty history. */
export function createFakeFlowx() {
  const fake = {
    ...appFakes((): FlowxApi => fake),
    ...profileFakes(),
    ...launchFakes(),
    batch: batchFakes(),
    ...workbenchFakes()
  } satisfies FlowxApi
  return fake
}

export type FakeFlowx = ReturnType<typeof createFakeFlowx>

/** Install a fresh fake bridge as window.flowx and return it. */
export function installFakeFlowx(): FakeFlowx {
  const fake = createFakeFlowx()
  ;(window as unknown as { flowx: FlowxApi }).flowx = fake
  return fake
}
