// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'

import { makeProfile } from '../test/fake-flowx'
import {
  blankProfileForm,
  keepSecrets,
  profileFormFrom,
  toProfileInput,
  type ProfileFormState,
  type SecretEdits
} from './profile-form'
import { checkProfileForm } from './profile-form-check'

const staging = makeProfile()
const keep = keepSecrets()

function form(overrides: Partial<ProfileFormState> = {}): ProfileFormState {
  return { ...profileFormFrom(staging), ...overrides }
}

function edits(changes: Partial<SecretEdits>): SecretEdits {
  return { ...keepSecrets(), ...changes }
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
    const check = checkProfileForm(
      form(),
      edits({ token: { action: 'set', value: 'abc def' } }),
      []
    )
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
    const clear = edits({ token: { action: 'clear' } })
    expect(toProfileInput(form(), clear).secrets).toEqual({ token: { action: 'clear' } })
    expect(
      toProfileInput(form(), edits({ token: { action: 'set', value: 'eyJ' } })).secrets
    ).toEqual({ token: { action: 'set', value: 'eyJ' } })
    const sandbox = toProfileInput(form({ localSandbox: true }), clear)
    expect(sandbox.secrets).toBeUndefined()
    expect(sandbox.auth).toBeUndefined()
  })

  it('trims what it sends and keeps the id of an existing profile', () => {
    const input = toProfileInput(form({ name: '  Staging  ', appId: ' app-1 ' }), keep)
    expect(input).toMatchObject({
      id: 'p1',
      name: 'Staging',
      defaults: { appId: 'app-1' },
      auth: { mode: 'bearer' },
      tls: { customCa: '', allowUntrusted: false },
      proxy: { mode: 'system' }
    })
    expect(input.secrets).toBeUndefined()
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

describe('profile form auth, TLS and proxy', () => {
  const password = (overrides: Partial<ProfileFormState['auth']> = {}): ProfileFormState =>
    form({
      auth: {
        mode: 'password',
        issuer: 'https://kc.example.com/realms/flowx',
        clientId: 'flowx-platform-authenticate',
        username: ' tester ',
        ...overrides
      }
    })

  it('builds each auth mode, and sends only the secrets that mode uses', () => {
    const typed = edits({
      token: { action: 'set', value: 'stale-token' },
      password: { action: 'set', value: 's3cret pass' },
      clientSecret: { action: 'clear' }
    })
    const input = toProfileInput(password(), typed)
    expect(input.auth).toEqual({
      mode: 'password',
      issuer: 'https://kc.example.com/realms/flowx',
      clientId: 'flowx-platform-authenticate',
      username: 'tester'
    })
    expect(input.secrets).toEqual({ password: { action: 'set', value: 's3cret pass' } })
    expect(checkProfileForm(password(), typed, []).valid).toBe(true)

    const none = toProfileInput(form({ auth: { ...password().auth, mode: 'none' } }), typed)
    expect(none.auth).toEqual({ mode: 'none' })
    expect(none.secrets).toBeUndefined()
  })

  it('never puts a value into secrets unless one was typed', () => {
    for (const mode of ['bearer', 'client-credentials', 'password', 'none'] as const) {
      const input = toProfileInput(password({ mode }), keepSecrets())
      expect(input.secrets).toBeUndefined()
      expect(JSON.stringify(input)).not.toMatch(/"value"/)
    }
  })

  it('points schema and URL problems at the right fields', () => {
    const check = checkProfileForm(
      password({ issuer: 'kc.example.com', clientId: 'has space', username: '' }),
      keep,
      []
    )
    expect(check.errors.issuer).toMatch(/not a valid URL/)
    expect(check.errors.clientId).toMatch(/no spaces/)
    expect(check.errors.username).toBe('Enter the username.')
    const proxy = checkProfileForm(
      form({
        connection: {
          ...form().connection,
          proxyMode: 'manual',
          proxyUrl: 'socks://p:1080',
          proxyUsername: ''
        }
      }),
      keep,
      []
    )
    expect(proxy.errors.proxyUrl).toMatch(/https:\/\//)
  })

  it('sends certificates and a manual proxy, with the proxy password only when typed', () => {
    const state = form({
      connection: {
        customCa: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        allowUntrusted: true,
        proxyMode: 'manual',
        proxyUrl: ' http://proxy.example.com:3128 ',
        proxyUsername: 'me'
      }
    })
    const input = toProfileInput(state, edits({ proxyPassword: { action: 'set', value: 'pw' } }))
    expect(input.tls).toEqual({ customCa: state.connection.customCa, allowUntrusted: true })
    expect(input.proxy).toEqual({
      mode: 'manual',
      url: 'http://proxy.example.com:3128',
      username: 'me'
    })
    expect(input.secrets).toEqual({ proxyPassword: { action: 'set', value: 'pw' } })
  })
})
