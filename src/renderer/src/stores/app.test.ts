// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { installFakeFlowx, ok, type FakeFlowx } from '../test/fake-flowx'
import { useAppStore } from './app'

let flowx: FakeFlowx

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
})

describe('app store', () => {
  it('loads version and notices, and dismisses a notice in main', async () => {
    flowx.app.getState.mockResolvedValueOnce(
      ok({
        version: '1.2.3',
        notices: [{ id: 'n1', level: 'warning', message: 'Keychain is weak.' }],
        secretStorage: { cipher: 'available', weakOptIn: false }
      })
    )
    const app = useAppStore()
    await app.load()
    expect(app.version).toBe('1.2.3')
    expect(app.notices).toHaveLength(1)
    await app.dismissNotice('n1')
    expect(app.notices).toHaveLength(0)
    expect(flowx.app.dismissNotice).toHaveBeenCalledWith({ id: 'n1' })
  })

  it('keeps renderer notices local', async () => {
    const app = useAppStore()
    app.addNotice('error', 'The Local sandbox could not start.')
    app.addNotice('error', 'The Local sandbox could not start.')
    expect(app.notices).toHaveLength(1)
    await app.dismissNotice(app.notices[0].id)
    expect(app.notices).toHaveLength(0)
    expect(flowx.app.dismissNotice).not.toHaveBeenCalled()
  })

  it('reports whether copying worked', async () => {
    const app = useAppStore()
    await expect(app.copyText('abc')).resolves.toBe(true)
    expect(flowx.app.copyText).toHaveBeenCalledWith({ text: 'abc' })
  })
})
