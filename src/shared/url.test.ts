import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { StartTarget } from './domain'
import {
  baseUrlNotes,
  buildStartPath,
  previewUrl,
  processNameWarnings,
  startTargetProblem,
  validateBaseUrl
} from './url'

const byBuild = (processName: string): StartTarget => ({
  mode: 'build',
  appId: 'app-1',
  buildId: 'build-1',
  processName
})

/** Segment values: any text, hostile fragments, and the id alphabet. */
const segment = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1 }),
  fc.constantFrom(
    '../',
    '..%2F',
    '//host',
    'http://x',
    '%2e%2e',
    '?a=b',
    '#frag',
    '[DOCS]x',
    'a b'
  ),
  fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/)
)

const target: fc.Arbitrary<StartTarget> = fc.oneof(
  fc.record({
    mode: fc.constant('build' as const),
    appId: segment,
    buildId: segment,
    processName: segment
  }),
  fc.record({
    mode: fc.constant('workspace' as const),
    workspaceId: segment,
    appId: segment,
    processName: segment
  })
)

function valuesOf(t: StartTarget): string[] {
  return t.mode === 'build'
    ? [t.appId, t.buildId, t.processName]
    : [t.workspaceId, t.appId, t.processName]
}

describe('buildStartPath', () => {
  it('builds the by-build path', () => {
    expect(buildStartPath(byBuild('[DOCS]customer_onboarding'))).toBe(
      '/api/runtime/app/app-1/build/build-1/process-name/%5BDOCS%5Dcustomer_onboarding/start'
    )
  })

  it('builds the by-workspace path', () => {
    const t: StartTarget = { mode: 'workspace', workspaceId: 'w', appId: 'a', processName: 'p' }
    expect(buildStartPath(t)).toBe('/api/runtime/wks/w/app/a/process-name/p/start')
  })

  it.each([
    ['loan request', 'loan%20request'],
    ['a/b', 'a%2Fb'],
    ['cerere_împrumut', 'cerere_%C3%AEmprumut'],
    ['x?y#z', 'x%3Fy%23z'],
    ['50%', '50%25'],
    ['😀', '%F0%9F%98%80']
  ])('encodes %j as %s', (name, encoded) => {
    expect(buildStartPath(byBuild(name))).toContain(`/process-name/${encoded}/start`)
  })

  it('encodes the ids too', () => {
    const t: StartTarget = { mode: 'build', appId: '../x', buildId: 'a b', processName: 'p' }
    expect(buildStartPath(t)).toBe('/api/runtime/app/..%2Fx/build/a%20b/process-name/p/start')
  })

  it('follows every field from one call to the next, even on the same target object', () => {
    const t = { mode: 'build', appId: 'a', buildId: 'b', processName: 'p' } as StartTarget
    expect(buildStartPath(t)).toBe('/api/runtime/app/a/build/b/process-name/p/start')
    Object.assign(t, { buildId: 'b2' })
    expect(buildStartPath(t)).toBe('/api/runtime/app/a/build/b2/process-name/p/start')
    const wks: StartTarget = { mode: 'workspace', workspaceId: 'b2', appId: 'a', processName: 'p' }
    expect(buildStartPath(wks)).toBe('/api/runtime/wks/b2/app/a/process-name/p/start')
    expect(buildStartPath({ ...wks, processName: 'q' })).toBe(
      '/api/runtime/wks/b2/app/a/process-name/q/start'
    )
  })

  it('does not throw on lone surrogates', () => {
    expect(buildStartPath(byBuild('a\ud800'))).toContain('/process-name/a%EF%BF%BD/start')
  })

  it('property: decoding each segment gives back the input, and no segment holds a raw /', () => {
    fc.assert(
      fc.property(target, (t) => {
        fc.pre(valuesOf(t).every((v) => v.isWellFormed()))
        const parts = buildStartPath(t).split('/')
        // Both shapes are /api/runtime/<k>/<v>/<k>/<v>/process-name/<name>/start.
        expect(parts).toHaveLength(10)
        const positions = [4, 6, 8]
        expect(positions.map((p) => decodeURIComponent(parts[p]))).toEqual(valuesOf(t))
        for (const p of positions) expect(parts[p]).not.toMatch(/[/?#[\]\s]/)
      })
    )
  })

  it('property: the URL stays under the base with the expected segments', () => {
    fc.assert(
      fc.property(target, (t) => {
        fc.pre(startTargetProblem(t) === undefined)
        const url = new URL(previewUrl('https://admin.example.com/rtm/', t))
        expect(url.origin).toBe('https://admin.example.com')
        expect(url.search).toBe('')
        expect(url.hash).toBe('')
        const segments = url.pathname.split('/').slice(1)
        expect(segments.slice(0, 3)).toEqual(['rtm', 'api', 'runtime'])
        expect(segments).toHaveLength(10)
        expect(
          segments
            .slice(3)
            .filter((_, i) => i % 2 === 1)
            .map(decodeURIComponent)
        ).toEqual(valuesOf(t))
        // What we show is exactly what the URL parser (and so axios) will request.
        expect(url.href).toBe(previewUrl('https://admin.example.com/rtm', t))
      })
    )
  })
})

describe('startTargetProblem', () => {
  it('accepts ordinary targets', () => {
    expect(startTargetProblem(byBuild('[DOCS]x'))).toBeUndefined()
    expect(startTargetProblem(byBuild('...'))).toBeUndefined()
  })

  it.each([
    [{ ...byBuild('p'), appId: '..' }, 'The app id cannot be "..".'],
    [{ ...byBuild('p'), buildId: '.' }, 'The build id cannot be ".".'],
    [byBuild(''), 'The process name is empty.'],
    [byBuild('a\udc00'), 'The process name contains invalid characters.'],
    [
      { mode: 'workspace', workspaceId: '..', appId: 'a', processName: 'p' } as StartTarget,
      'The workspace id cannot be "..".'
    ]
  ])('refuses %j', (t, message) => {
    expect(startTargetProblem(t)).toBe(message)
  })
})

describe('validateBaseUrl', () => {
  it.each([
    ['https://admin.example.com/rtm', 'https://admin.example.com/rtm'],
    ['  https://admin.example.com/rtm///  ', 'https://admin.example.com/rtm'],
    ['HTTPS://Admin.Example.COM:443/rtm/', 'https://admin.example.com/rtm'],
    ['https://admin.example.com', 'https://admin.example.com'],
    ['https://admin.example.com/', 'https://admin.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://127.1.2.3/rtm', 'http://127.1.2.3/rtm'],
    ['http://localhost:3000/rtm/', 'http://localhost:3000/rtm'],
    ['http://[::1]:9000/rtm', 'http://[::1]:9000/rtm'],
    ['https://10.0.0.5:8443/x/rtm', 'https://10.0.0.5:8443/x/rtm']
  ])('accepts %j', (raw, url) => {
    expect(validateBaseUrl(raw)).toEqual({ ok: true, url })
  })

  it.each([
    ['', 'Enter the runtime base URL'],
    ['   ', 'Enter the runtime base URL'],
    ['admin.example.com/rtm', 'Start the URL with https://'],
    ['http://example.com', 'Plain http:// is allowed only for localhost'],
    ['http://10.0.0.1/rtm', 'Plain http:// is allowed only for localhost'],
    ['http://localhost.evil.com/rtm', 'Plain http:// is allowed only for localhost'],
    ['http://128.0.0.1/rtm', 'Plain http:// is allowed only for localhost'],
    ['https://user:pw@host/rtm', 'Remove the user name and password'],
    ['https://user@host/rtm', 'Remove the user name and password'],
    ['https://@host/rtm', 'Remove the user name and password'],
    ['https://host/?x', 'Remove the query'],
    ['https://host/rtm?', 'Remove the query'],
    ['https://host/rtm#top', 'Remove the fragment'],
    ['ftp://host/rtm', 'Use an https:// URL (ftp:// is not supported)'],
    ['javascript:alert(1)', 'Use an https:// URL'],
    ['file:///etc/passwd', 'Use an https:// URL'],
    ['https://', 'That is not a valid URL'],
    ['https://ho st/rtm', 'spaces or control characters'],
    ['https://host/r\ntm', 'spaces or control characters'],
    [`https://host/${'a'.repeat(2100)}`, 'longer than 2048']
  ])('refuses %j', (raw, message) => {
    const result = validateBaseUrl(raw)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(message)
  })

  it('property: never throws, and what it accepts is https or loopback http without extras', () => {
    const raw = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc
        .tuple(fc.constantFrom('http://', 'https://', 'HTTP://'), fc.string({ unit: 'grapheme' }))
        .map(([a, b]) => a + b)
    )
    fc.assert(
      fc.property(raw, (text) => {
        const result = validateBaseUrl(text)
        if (!result.ok) {
          expect(result.message.length).toBeGreaterThan(0)
          return
        }
        const url = new URL(result.url)
        expect(['https:', 'http:']).toContain(url.protocol)
        if (url.protocol === 'http:') {
          expect(url.hostname).toMatch(/^(localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/)
        }
        expect(url.username + url.password + url.search + url.hash).toBe('')
        expect(result.url.endsWith('/')).toBe(false)
        // Idempotent: a stored, validated base validates to itself.
        expect(validateBaseUrl(result.url)).toEqual(result)
      })
    )
  })
})

describe('baseUrlNotes', () => {
  it('says nothing for a runtime base', () => {
    expect(baseUrlNotes('https://admin.example.com/rtm')).toEqual([])
    expect(baseUrlNotes('https://admin.example.com/rtm/')).toEqual([])
  })

  it('notes a base that does not end in /rtm', () => {
    expect(baseUrlNotes('https://admin.example.com')).toEqual([
      'The runtime base usually ends in /rtm.'
    ])
  })

  it('notes a pasted full API URL', () => {
    expect(baseUrlNotes('https://h/rtm/api/runtime/app/x')).toEqual([
      'Enter only the runtime base: the app adds /api/runtime/… itself.'
    ])
  })

  it('returns nothing for text that is not a URL', () => {
    expect(baseUrlNotes('not a url')).toEqual([])
  })
})

describe('previewUrl', () => {
  it('joins the validated base and the encoded path', () => {
    expect(previewUrl('https://admin.example.com/rtm/', byBuild('[DOCS]x'))).toBe(
      'https://admin.example.com/rtm/api/runtime/app/app-1/build/build-1/process-name/%5BDOCS%5Dx/start'
    )
  })

  it('still shows something for a base that does not validate', () => {
    expect(previewUrl('http://example.com/rtm/', byBuild('p'))).toBe(
      'http://example.com/rtm/api/runtime/app/app-1/build/build-1/process-name/p/start'
    )
  })
})

describe('processNameWarnings', () => {
  it('is quiet for ordinary names', () => {
    expect(processNameWarnings('[DOCS]customer_onboarding')).toEqual([])
    expect(processNameWarnings('cerere_împrumut')).toEqual([])
    expect(processNameWarnings('loan request')).toEqual([])
  })

  it.each([
    ['a/b', '"/", sent as %2F'],
    ['50%', '"%", sent as %25'],
    ['a;b', '";", sent as %3B'],
    ['a\\b', '"\\", sent as %5C'],
    ['..', 'cannot be sent in a URL path']
  ])('warns for %j', (name, part) => {
    const warnings = processNameWarnings(name)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(part)
  })

  it('gives one warning per character class', () => {
    expect(processNameWarnings('a/b/c;d')).toHaveLength(2)
  })
})
