// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { useDemoStore } from '../stores/demo'
import { HIDDEN_HOST, HIDDEN_TOKEN, maskText, shortenUuids, useDemoMask } from './use-demo-mask'

const UUID = '3f1c2a9e-1111-4222-8333-944455556666'
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl'

beforeEach(() => setActivePinia(createPinia()))

describe('demo masking', () => {
  it('hides hosts, URL origins, IP addresses and tokens and shortens uuids in free text', () => {
    const text = `POST https://admin.staging.example.com:8443/rtm/api/runtime/process-instance/${UUID} failed: connect ECONNREFUSED 127.0.0.1:40123 (localhost:9000, idp.example.org) token ${JWT}`
    const out = maskText(text)
    for (const secret of [
      'admin.staging.example.com',
      '8443',
      '127.0.0.1',
      'localhost',
      'idp.example.org',
      JWT,
      UUID
    ]) {
      expect(out).not.toContain(secret)
    }
    expect(out).toContain(`${HIDDEN_HOST}/rtm/api/runtime/process-instance/3f1c2a9e…`)
    expect(out).toContain(HIDDEN_TOKEN)
  })

  it('keeps file names, process names and non-uuid ids readable', () => {
    expect(maskText('profiles.json saved; [DOCS]customer_onboarding on wks-1')).toBe(
      'profiles.json saved; [DOCS]customer_onboarding on wks-1'
    )
    expect(shortenUuids(UUID.toUpperCase())).toBe('3F1C2A9E…')
  })

  it('changes nothing while demo mode is off, and masks as soon as it is on', () => {
    const mask = useDemoMask()
    const base = 'https://admin.staging.example.com/rtm'
    expect(mask.url(base)).toBe(base)
    expect(mask.uuid(UUID)).toBe(UUID)
    useDemoStore().setEnabled(true)
    expect(mask.url(base)).toBe(`${HIDDEN_HOST}/rtm`)
    expect(mask.host(base)).toBe(HIDDEN_HOST)
    expect(mask.uuid(UUID)).toBe('3f1c2a9e…')
    expect(mask.token('anything')).toBe(HIDDEN_TOKEN)
    expect(mask.text(undefined)).toBe('')
  })
})
