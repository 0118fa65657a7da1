import { assertNoPoisoning } from '@fast-check/poisoning'
import fc from 'fast-check'
import type { WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'

import { createRedactingLogger, Redactor } from '../core/logging/redact'
import type { Logger } from '../core/ports'
import { CHANNELS, type Channel, type Handlers, type InputOf } from '../shared/contract'
import { AppFailure, type Result } from '../shared/errors'
import { APP_ENTRY_URL, resolveAppEntry } from './app-url'
import { findUnsafeStructure, registerHandlers } from './ipc'
import { createSenderCheck } from './sender'
import { FakeIpc, fakeFrame, FakeWebContents, type FakeFrame } from './test-support/fake-electron'

vi.mock('electron', () => import('./test-support/fake-electron'))

const entry = resolveAppEntry()

/** One valid input per channel; typed, so a new channel must be added here. */
const VALID: { [C in Channel]: InputOf<C> } = {
  'app:get-state': undefined,
  'app:startup': undefined,
  'app:dismiss-notice': { id: 'store-reset-profiles' },
  'app:copy-text': { text: 'hello' },
  'app:set-weak-storage': { enabled: true },
  'app:open-logs': undefined,
  'profiles:list': undefined,
  'profiles:save': {
    name: 'Staging',
    color: 'blue',
    baseUrl: 'https://admin.example.com/rtm',
    platform: 'web',
    defaults: { workspaceId: '', appId: '', buildId: '' }
  },
  'profiles:duplicate': { id: 'p1' },
  'profiles:remove': { id: 'p1' },
  'profiles:restore': { id: 'p1' },
  'profiles:set-active': { id: 'p1' },
  'profiles:check': { id: 'p1' },
  'profiles:export': {},
  'profiles:import': undefined,
  'auth:status': { profileId: 'p1' },
  'auth:renew': { profileId: 'p1' },
  'drafts:get': { profileId: 'p1' },
  'drafts:save': {
    profileId: 'p1',
    draft: {
      mode: 'build',
      workspaceId: '',
      appId: 'a',
      buildId: 'b',
      processName: 'x',
      payload: '{}'
    }
  },
  'launch:start': {
    requestId: 'r1',
    profileId: 'p1',
    target: {
      mode: 'build',
      appId: 'app-1',
      buildId: 'build-1',
      processName: '[DOCS]customer_onboarding'
    },
    payload: '{}'
  },
  'launch:cancel': { requestId: 'r1' },
  'history:search': { limit: 50 },
  'history:get': { id: 'h1' },
  'history:delete': { id: 'h1' },
  'history:restore': { id: 'h1' },
  'history:export': { format: 'csv', query: { ticket: 'SUP-1' } },
  'settings:get': undefined,
  'settings:update': { theme: 'dark', retention: { mode: 'days', days: 90 } },
  'history:process-names': { prefix: 'cust' },
  'sandbox:ensure': undefined,
  'app:open-external': { profileId: 'p1', url: 'https://designer.example.com/process-instances/u' },
  'profiles:check-draft': {
    name: 'Staging',
    color: 'blue',
    baseUrl: 'https://admin.example.com/rtm',
    platform: 'web',
    defaults: { workspaceId: '', appId: '', buildId: '' }
  },
  'build:info': { profileId: 'p1', workspaceId: 'w1', appId: 'a1' },
  'build:instance-info': { profileId: 'p1', uuid: 'u1' },
  'reports:create': { format: 'md', ids: ['h1'] },
  'reports:save': { format: 'html', ticket: 'SUP-1' },
  'playlists:list': undefined,
  'playlists:get': { slug: 'demo' },
  'playlists:save': { playlist: { name: 'Demo', description: '', steps: [] } },
  'playlists:delete': { slug: 'demo' },
  'playlists:restore': { undoToken: 'u1' },
  'history:replay-plan': { id: 'h1', mode: 'fresh' },
  'history:replay': { id: 'h1', mode: 'to-profile', profileId: 'p2', requestId: 'r2' },
  'library:list': undefined,
  'library:get': { id: 'default/loan.launch.json' },
  'library:save': {
    launch: {
      name: 'Loan',
      description: '',
      tags: [],
      target: {
        mode: 'build',
        workspaceId: '',
        appId: '{{appId}}',
        buildId: '{{buildId}}',
        processName: 'loan'
      },
      payload: '{}',
      variables: {},
      ticket: '',
      notes: ''
    }
  },
  'library:rename': { id: 'default/loan.launch.json', name: 'Loan 2' },
  'library:duplicate': { id: 'default/loan.launch.json' },
  'library:delete': { id: 'default/loan.launch.json' },
  'library:restore': { undoToken: 'u1' },
  'library:add-folder': undefined,
  'library:remove-folder': { folderId: 'abc123' },
  'templates:preview': {
    profileId: 'p1',
    target: { mode: 'build', workspaceId: '', appId: 'a', buildId: 'b', processName: 'p' },
    payload: '{"id": "{{$uuid}}"}'
  },
  'curl:from-launch': { id: 'h1', mode: 'placeholders' },
  'curl:from-form': {
    profileId: 'p1',
    target: { mode: 'build', workspaceId: '', appId: 'a', buildId: 'b', processName: 'p' },
    payload: '{}',
    mode: 'redacted'
  },
  'curl:parse': {
    text: 'curl https://x.example/rtm/api/runtime/app/a/build/b/process-name/p/start'
  },
  'batch:pick-rows': undefined,
  'batch:preview': {
    profileId: 'p1',
    rowsFileId: 'f1',
    source: { kind: 'saved', id: 'default/new-customer.launch.json' },
    shard: { index: 1, count: 2 }
  },
  'batch:start': {
    profileId: 'p1',
    rowsFileId: 'f1',
    source: {
      kind: 'form',
      target: { mode: 'build', workspaceId: '', appId: 'a', buildId: 'b', processName: 'p' },
      payload: '{"id":"{{customerId}}"}'
    },
    concurrency: 8,
    ratePerSec: 5,
    maxFailures: 3,
    confirmProfileName: 'Production',
    confirmCount: 10
  },
  'batch:pause': { id: 'b1' },
  'batch:resume': { id: 'b1' },
  'batch:cancel': { id: 'b1', abortInFlight: true },
  'batch:get': { id: 'b1' },
  'batch:list': undefined,
  'batch:rerun-failed': { id: 'b1', rows: [2, 5] },
  'batch:export': { id: 'b1', format: 'junit' }
}

function setup(options: { logger?: Logger; redactor?: Redactor } = {}) {
  const contents = new FakeWebContents(APP_ENTRY_URL)
  const ipc = new FakeIpc()
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [channel, vi.fn(async (_input: unknown) => `value of ${channel}`)])
  ) as unknown as Handlers & Record<Channel, ReturnType<typeof vi.fn>>
  const logger = options.logger ?? { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  const check = createSenderCheck(() => contents as unknown as WebContents, entry)
  registerHandlers(ipc, handlers, check, logger, { redactor: options.redactor })
  const invoke = (channel: Channel, event: unknown, input: unknown) =>
    ipc.handlers.get(channel)!(event, input) as Promise<Result<unknown>>
  const genuine = () => ({ sender: contents, senderFrame: contents.mainFrame })
  return { contents, ipc, handlers, logger, invoke, genuine }
}

type Setup = ReturnType<typeof setup>

/** Forged events, each built against a fresh setup. */
const FORGERIES: Record<string, (s: Setup) => unknown> = {
  'another webContents': () => {
    const other = new FakeWebContents(APP_ENTRY_URL)
    return { sender: other, senderFrame: other.mainFrame }
  },
  'a subframe': (s) => ({
    sender: s.contents,
    senderFrame: fakeFrame(APP_ENTRY_URL, s.contents.mainFrame)
  }),
  'a look-alike main frame': (s) => ({ sender: s.contents, senderFrame: fakeFrame(APP_ENTRY_URL) }),
  'a null senderFrame': (s) => ({ sender: s.contents, senderFrame: null }),
  'a detached frame': (s) => {
    s.contents.mainFrame.detached = true
    return s.genuine()
  },
  'a destroyed sender': (s) => {
    s.contents.destroyed = true
    return s.genuine()
  },
  'https://evil.example': (s) => {
    s.contents.mainFrame.url = 'https://evil.example/'
    return s.genuine()
  },
  'app://evil/': (s) => {
    s.contents.mainFrame.url = 'app://evil/index.html'
    return s.genuine()
  },
  'file:///etc/passwd': (s) => {
    s.contents.mainFrame.url = 'file:///etc/passwd'
    return s.genuine()
  },
  'a frame that throws': (s) => ({
    sender: s.contents,
    get senderFrame(): FakeFrame {
      throw new Error('Render frame was disposed')
    }
  }),
  'no event at all': () => undefined
}

describe('registerHandlers', () => {
  it('registers exactly the contract channels', () => {
    const { ipc } = setup()
    expect([...ipc.handlers.keys()]).toEqual(CHANNELS)
  })

  describe.each(CHANNELS)('%s', (channel) => {
    it.each(Object.keys(FORGERIES))('refuses %s without calling the handler', async (name) => {
      const s = setup()
      const result = await s.invoke(channel, FORGERIES[name]!(s), VALID[channel])
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
      expect(s.handlers[channel]).not.toHaveBeenCalled()
      expect(s.logger.warn).toHaveBeenCalledWith(expect.any(String), { channel })
    })

    it('passes a genuine event with valid input to the handler', async () => {
      const s = setup()
      const result = await s.invoke(channel, s.genuine(), VALID[channel])
      expect(result).toStrictEqual({ ok: true, value: `value of ${channel}` })
      expect(s.handlers[channel]).toHaveBeenCalledOnce()
    })

    it('never throws and never reaches the handler with input the schema refuses (fast-check)', async () => {
      const s = setup()
      await fc.assert(
        fc.asyncProperty(fc.anything({ withNullPrototype: true, withMap: true }), async (raw) => {
          const calls = s.handlers[channel].mock.calls.length
          const result = await s.invoke(channel, s.genuine(), raw)
          if (result.ok) expect(s.handlers[channel].mock.calls.length).toBe(calls + 1)
          else expect(result.error.code).toBe('INVALID_INPUT')
        }),
        { numRuns: 60 }
      )
      // Node and zod add their own globals lazily (undici's dispatcher, zod's registry).
      assertNoPoisoning({ ignoredRootRegex: /undici|^__zod_|^__vitest|^__VITEST/ })
    })
  })

  it('explains invalid input by field path, without echoing values', async () => {
    const s = setup()
    const result = await s.invoke('launch:start', s.genuine(), {
      ...VALID['launch:start'],
      target: { mode: 'build', appId: '../SECRET-VALUE', buildId: 'b', processName: 'p' }
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.message).toContain('target.appId')
    expect(result.error.message).toContain('Use only letters')
    expect(result.error.message).not.toContain('SECRET-VALUE')
    expect(s.handlers['launch:start']).not.toHaveBeenCalled()
  })

  it('names unknown fields and a missing required field', async () => {
    const s = setup()
    const extra = await s.invoke('history:get', s.genuine(), { id: 'h1', admin: true })
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(JSON.stringify(extra)).toContain('admin')
    const missing = await s.invoke('drafts:get', s.genuine(), {})
    expect(JSON.stringify(missing)).toContain('profileId')
  })

  it('refuses prototype-poisoning keys at any depth before parsing', async () => {
    const s = setup()
    for (const raw of [
      JSON.parse('{"id":"h1","__proto__":{"polluted":true}}'),
      { id: 'h1', nested: { constructor: { prototype: {} } } },
      JSON.parse('{"profileId":"p1","draft":{"prototype":1}}')
    ]) {
      const result = await s.invoke('history:get', s.genuine(), raw)
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(JSON.stringify(result)).toMatch(/forbidden key/)
    }
    expect(s.handlers['history:get']).not.toHaveBeenCalled()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('returns an AppFailure as a failed Result, masking known secrets', async () => {
    const redactor = new Redactor()
    redactor.add('TOKEN-1234567')
    const s = setup({ redactor })
    s.handlers['history:get'].mockRejectedValue(
      new AppFailure('UNAUTHORIZED', 'Server said: bad TOKEN-1234567', { httpStatus: 401 })
    )
    const result = await s.invoke('history:get', s.genuine(), { id: 'h1' })
    expect(result).toStrictEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Server said: bad ••••', httpStatus: 401 }
    })
  })

  it('turns any other throw into INTERNAL with a generic message and a redacted log line', async () => {
    const redactor = new Redactor()
    redactor.add('CANARY-abcdef')
    const sink = vi.fn()
    const s = setup({ logger: createRedactingLogger(sink, redactor) })
    s.handlers['profiles:list'].mockRejectedValue(new Error('db failed near CANARY-abcdef'))
    const result = await s.invoke('profiles:list', s.genuine(), undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toContain('CANARY')
    expect(JSON.stringify(result)).not.toContain('db failed')
    expect(sink).toHaveBeenCalledOnce()
    expect(JSON.stringify(sink.mock.calls)).not.toContain('CANARY-abcdef')
    expect(JSON.stringify(sink.mock.calls)).toContain('db failed')
  })

  it('fails closed when the sender check itself throws', async () => {
    const ipc = new FakeIpc()
    const handler = vi.fn()
    const handlers = { 'profiles:list': handler } as unknown as Handlers
    registerHandlers(
      ipc,
      handlers,
      () => {
        throw new Error('boom')
      },
      { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    )
    const result = await ipc.handlers.get('profiles:list')!({}, undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect(handler).not.toHaveBeenCalled()
  })
})

describe('findUnsafeStructure', () => {
  it('accepts ordinary data and refuses cycles and deep nesting', () => {
    expect(findUnsafeStructure({ a: [1, { b: 'c' }] })).toBeUndefined()
    const loop: Record<string, unknown> = {}
    loop.self = loop
    expect(findUnsafeStructure(loop)).toMatch(/refers to itself/)
    let deep: unknown = 'leaf'
    for (let i = 0; i < 100; i += 1) deep = [deep]
    expect(findUnsafeStructure(deep)).toMatch(/too deeply/)
  })
})
