import { describe, expect, it } from 'vitest'

import { designerOrigin, instanceLink, isDesignerLink, validateDesignerUrl } from './designer'

const UUID = '7e7e7e7e-1111-4000-8000-000000000009'

describe('Designer links', () => {
  it('links an instance under a plain Designer base URL', () => {
    expect(instanceLink('https://designer.bank.example/', { uuid: UUID })).toBe(
      `https://designer.bank.example/process-instances/${UUID}`
    )
  })

  it('fills a template with the instance, app and workspace ids', () => {
    const template =
      'https://admin.bank.example/#/projects/{appId}/runtime/process-instances?search={uuid}'
    expect(instanceLink(template, { uuid: UUID, appId: 'app-1' })).toBe(
      `https://admin.bank.example/#/projects/app-1/runtime/process-instances?search=${UUID}`
    )
    // A template that needs an id the launch lacks gives no link rather than a broken one.
    expect(instanceLink(template, { uuid: UUID })).toBeUndefined()
  })

  it('gives no link without a Designer URL or an instance', () => {
    expect(instanceLink('', { uuid: UUID })).toBeUndefined()
    expect(instanceLink(undefined, { uuid: UUID })).toBeUndefined()
    expect(instanceLink('https://d.example', { uuid: '' })).toBeUndefined()
  })

  it('checks the URL as typed, with specific messages', () => {
    expect(validateDesignerUrl('  ')).toEqual({ ok: true, url: '' })
    expect(validateDesignerUrl('ftp://d.example')).toMatchObject({
      ok: false,
      message: expect.stringContaining('https://')
    })
    expect(validateDesignerUrl('https://user:pw@d.example')).toMatchObject({
      ok: false,
      message: expect.stringContaining('user name')
    })
    expect(validateDesignerUrl('https://d.example/{instance}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('{instance}')
    })
    expect(validateDesignerUrl('not a url')).toMatchObject({ ok: false })
  })

  it('allows only links on the Designer origin', () => {
    const designer = 'https://designer.bank.example/ui'
    expect(designerOrigin(designer)).toBe('https://designer.bank.example')
    expect(
      isDesignerLink(designer, `https://designer.bank.example/process-instances/${UUID}`)
    ).toBe(true)
    for (const other of [
      'https://evil.example/process-instances/x',
      'http://designer.bank.example/x',
      'https://designer.bank.example.evil.example/x',
      'https://user@designer.bank.example/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url'
    ]) {
      expect(isDesignerLink(designer, other), other).toBe(false)
    }
    expect(isDesignerLink('', 'https://designer.bank.example/x')).toBe(false)
  })
})
