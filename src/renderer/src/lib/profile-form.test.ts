// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'

import { makeProfile } from '../test/fake-flowx'
import {
  blankProfileForm,
  checkProfileForm,
  profileFormFrom,
  toProfileInput,
  type ProfileFormState
} from './profile-form'

const staging = makeProfile()
const keep = { action: 'keep' } as const

function form(overrides: Partial<ProfileFormState> = {}): ProfileFormState {
  return { ...profileFormFrom(staging), ...overrides }
}

describe('profile form validation', () => {
  it('accepts a stored profile as it is', () => {
    const check = checkProfileForm(form(), keep, [staging])
    expect(check).toEqual({ errors: {}, baseUrlNotes: [], valid: true })
  })

  it('rejects a base URL that is not https (except loopback) or carries credentials', () => {
    expect(
      checkProfileForm(form({ baseUrl: 'http://flowx.example.com/rtm' }), keep, []).errors.baseUrl
    ).toMatch(/https/)
    expect(
      checkProfileForm(form({ baseUrl: 'https://u:p@flowx.example.com/rtm' }), keep, []).errors
        .baseUrl
    ).toMatch(/user name and password/)
    expect(checkProfileForm(form({ baseUrl: 'http://127.0.0.1:8080/rtm' }), keep, []).valid).toBe(
      true
    )
    expect(checkProfileForm(form({ baseUrl: '' }), keep, []).valid).toBe(false)
  })

  it('notes a base URL that is probably not the runtime base, without blocking', () => {
    const check = checkProfileForm(form({ baseUrl: 'https://admin.example.com' }), keep, [])
    expect(check.valid).toBe(true)
    expect(check.baseUrlNotes).toEqual(['The runtime base usually ends in /rtm.'])
  })

  it('checks ids, platform, name and name clashes', () => {
    const other = makeProfile({ id: 'p2', name: 'Production' })
    const check = checkProfileForm(
      form({ name: ' production ', platform: 'web app', appId: 'app/1' }),
      keep,
      [staging, other]
    )
    expect(check.errors.name).toMatch(/already has this name/)
    expect(check.errors.platform).toMatch(/one short word/)
    expect(check.errors.appId).toMatch(/letters, digits/)
    expect(check.valid).toBe(false)
  })

  it('checks a pasted token without ever echoing it', () => {
    const check = checkProfileForm(form(), { action: 'set', value: 'abc def' }, [])
    expect(check.errors.token).toBe('A token has no spaces or special characters.')
    expect(JSON.stringify(check)).not.toContain('abc def')
  })

  it('gives no base URL advice for the sandbox, whose address the app manages', () => {
    const sandbox = form({ localSandbox: true, baseUrl: 'http://127.0.0.1:40123' })
    expect(checkProfileForm(sandbox, keep, [])).toEqual({
      errors: {},
      baseUrlNotes: [],
      valid: true
    })
  })
})

describe('profile form input', () => {
  it('sends the token action only for ordinary profiles', () => {
    expect(toProfileInput(form(), { action: 'clear' }).token).toEqual({ action: 'clear' })
    expect(toProfileInput(form(), { action: 'set', value: 'eyJ' }).token).toEqual({
      action: 'set',
      value: 'eyJ'
    })
    expect(toProfileInput(form({ localSandbox: true }), { action: 'clear' }).token).toBeUndefined()
  })

  it('trims what it sends and keeps the id of an existing profile', () => {
    const input = toProfileInput(form({ name: '  Staging  ', appId: ' app-1 ' }), keep)
    expect(input).toMatchObject({
      id: 'p1',
      name: 'Staging',
      defaults: { appId: 'app-1' },
      token: keep
    })
  })

  it('proposes a free name and an unused colour for a new profile', () => {
    const blank = blankProfileForm([
      makeProfile({ name: 'New environment', color: 'blue' }),
      makeProfile({ id: 'p2', color: 'green' })
    ])
    expect(blank.name).toBe('New environment 2')
    expect(['blue', 'green', 'slate']).not.toContain(blank.color)
    expect(blank.platform).toBe('web')
  })
})
