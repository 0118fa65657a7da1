/** What batch tests start from: fresh stores, the fake bridge, and profile p1 “Staging” loaded. */
import { createPinia, setActivePinia } from 'pinia'

import { useProfilesStore } from '../stores/profiles'
import { installFakeFlowx, makeProfile, ok, type FakeFlowx } from './fake-flowx'

export async function batchTestBed(): Promise<FakeFlowx> {
  setActivePinia(createPinia())
  const flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(ok([makeProfile({ id: 'p1', name: 'Staging' })]))
  await useProfilesStore().load('p1')
  return flowx
}
