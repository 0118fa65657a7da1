import { describe, expect, it } from 'vitest'

import { decodeJwt } from './jwt'
import { MAX_BODY_BYTES } from './http'
import { startSandbox } from './server'
import {
  buildStartPath,
  json,
  postForm,
  postStart,
  rawRequest,
  startHeaders,
  workspaceStartPath,
  useSandbox
} from './test-support'

const start = useSandbox()

const ONBOARDING = '[DOCS]customer_onboarding'

describe('1. firewall', () => {
  it.each(['%2F', '%2f', '%25', ';', '%3B', '%3b', '%5C', '%5c', '\\'])(
    'rejects %s in the path with a 400 HTML page, before auth',
    async (bad) => {
      const sb = await start()
      const path = buildStartPath('x').replace('/x/', `/a${bad}b/`)
      const res = await rawRequest(sb.url, path, { method: 'POST', body: '{}' })
      expect(res.status).toBe(400)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.text).toContain('potentially malicious String')
    }
  )

  it.each(['/rtm/api//runtime', '/rtm/api/runtime/../runtime/app', '/rtm/./api'])(
    'rejects the non-normalised path %s',
    async (path) => {
      const sb = await start()
      const res = await rawRequest(sb.url, path, { headers: startHeaders(sb.demoToken) })
      expect(res.status).toBe(400)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
    }
  )

  it.each(['%ZZ', '%E0%A4%A', '%'])('answers 400 for the invalid escape %s', async (bad) => {
    const sb = await start()
    const path = buildStartPath('x').replace('/x/', `/${bad}/`)
    const res = await rawRequest(sb.url, path, {
      method: 'POST',
      headers: startHeaders(sb.demoToken)
    })
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
  })

  it('accepts raw brackets by default and refuses them with strictRawBrackets', async () => {
    const lax = await start()
    const raw = buildStartPath('x').replace('/x/', `/${ONBOARDING}/`)
    const ok = await postStart(lax.url, raw, lax.demoToken)
    expect(ok.status).toBe(200)
    expect(json(ok).processDefinitionName).toBe(ONBOARDING)
    await lax.close()

    const strict = await start({ strictRawBrackets: true })
    expect((await postStart(strict.url, raw, strict.demoToken)).status).toBe(400)
    const encoded = await postStart(strict.url, buildStartPath(ONBOARDING), strict.demoToken)
    expect(encoded.status).toBe(200)
  })
})

describe('2. authentication', () => {
  it('answers a missing or non-Bearer header with an empty 401 and a bare challenge', async () => {
    const sb = await start()
    const variants: Array<Record<string, string>> = [{}, { Authorization: 'Basic ZGVtbzpkZW1v' }]
    for (const headers of variants) {
      const res = await rawRequest(sb.url, buildStartPath(ONBOARDING), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: '{}'
      })
      expect(res.status).toBe(401)
      expect(res.headers['www-authenticate']).toBe('Bearer')
      expect(res.text).toBe('')
    }
  })

  it('rejects malformed, tampered, foreign and wrong-issuer tokens as invalid_token', async () => {
    const sb = await start()
    const other = await startSandbox()
    const [head, payload] = sb.demoToken.split('.') as [string, string]
    const claims = { ...decodeJwt(sb.demoToken), sub: 'admin' }
    const tampered = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sb.demoToken.split('.')[2]}`
    const cases: Array<[string, string]> = [
      ['not-a-jwt', 'Malformed token'],
      [`${head}.${payload}`, 'Malformed token'],
      [tampered, 'Invalid signature'],
      [other.demoToken, 'Invalid signature'],
      [sb.issueToken({ sub: 'demo', issuer: 'https://evil.example/realms/flowx' }), 'iss claim']
    ]
    await other.close()
    for (const [token, reason] of cases) {
      const res = await postStart(sb.url, buildStartPath(ONBOARDING), token)
      expect(res.status).toBe(401)
      expect(res.text).toBe('')
      expect(res.headers['www-authenticate']).toMatch(
        /^Bearer error="invalid_token", error_description="[^"]+"$/
      )
      expect(res.headers['www-authenticate']).toContain(reason)
    }
  })

  it('expires tokens on the sandbox clock with "Jwt expired at <iso>"', async () => {
    const sb = await start()
    const short = sb.issueToken({ sub: 'demo', expiresInSec: 60 })
    sb.setClockOffset(50)
    expect((await postStart(sb.url, buildStartPath(ONBOARDING), short)).status).toBe(200)
    sb.setClockOffset(13 * 60 * 60)
    const exp = decodeJwt(sb.demoToken)?.exp ?? 0
    const iso = new Date(exp * 1000).toISOString().replace('.000Z', 'Z')
    const res = await postStart(sb.url, buildStartPath(ONBOARDING), sb.demoToken)
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBe(
      `Bearer error="invalid_token", error_description="Jwt expired at ${iso}"`
    )
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  })

  it('does not take a refresh token as a bearer', async () => {
    const sb = await start()
    const tokens = json(
      await postForm(sb.url, '/realms/flowx/protocol/openid-connect/token', {
        grant_type: 'password',
        client_id: 'flowx-platform-authenticate',
        username: 'demo',
        password: 'demo'
      })
    )
    const res = await postStart(sb.url, buildStartPath(ONBOARDING), String(tokens.refresh_token))
    expect(res.status).toBe(401)
  })
})

describe('3. route matching', () => {
  it('answers an unknown route with a 404 problem, but only after auth', async () => {
    const sb = await start()
    expect((await rawRequest(sb.url, '/rtm/api/runtime/nothing')).status).toBe(401)
    const res = await rawRequest(sb.url, '/rtm/api/runtime/nothing', {
      headers: { Authorization: `Bearer ${sb.demoToken}` }
    })
    expect(res.status).toBe(404)
    expect(res.headers['content-type']).toBe('application/problem+json')
    expect(json(res)).toMatchObject({
      type: 'https://www.flowx.ai/error',
      title: 'Not Found',
      status: 404
    })
  })

  it('answers a wrong method with 405 and Allow', async () => {
    const sb = await start()
    const get = await rawRequest(sb.url, buildStartPath(ONBOARDING), {
      headers: startHeaders(sb.demoToken)
    })
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    expect(json(get)).toMatchObject({ title: 'Method Not Allowed', status: 405 })
    const info = `/rtm/api/runtime/app/${'1b9e6d2f-5c80-4f3b-8d4e-6a7b8c9d0e12'}/build/info`
    const post = await postStart(sb.url, info, sb.demoToken)
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET')
  })
})

describe('4. headers', () => {
  it('answers 415 without application/json, and accepts a charset parameter', async () => {
    const sb = await start()
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded']) {
      const headers: Record<string, string> = { Authorization: `Bearer ${sb.demoToken}` }
      if (type) headers['Content-Type'] = type
      const res = await rawRequest(sb.url, buildStartPath(ONBOARDING), {
        method: 'POST',
        headers,
        body: '{}'
      })
      expect(res.status).toBe(415)
      expect(json(res)).toMatchObject({ title: 'Unsupported Media Type', status: 415 })
    }
    const utf8 = { 'Content-Type': 'application/json; charset=utf-8' }
    expect(
      (await postStart(sb.url, buildStartPath(ONBOARDING), sb.demoToken, {}, utf8)).status
    ).toBe(200)
  })

  it('records Flowx-Platform, accepts its absence, and requires it on route 1 when asked', async () => {
    const lax = await start()
    await postStart(
      lax.url,
      buildStartPath(ONBOARDING),
      lax.demoToken,
      {},
      { 'Flowx-Platform': 'ios' }
    )
    expect(lax.requests.at(-1)?.headers['flowx-platform']).toBe('ios')
    const bare = await rawRequest(lax.url, buildStartPath(ONBOARDING), {
      method: 'POST',
      headers: { Authorization: `Bearer ${lax.demoToken}`, 'Content-Type': 'application/json' }
    })
    expect(bare.status).toBe(200)
    await lax.close()

    const strict = await start({ requirePlatformHeader: true })
    const headers = {
      Authorization: `Bearer ${strict.demoToken}`,
      'Content-Type': 'application/json'
    }
    const missing = await rawRequest(strict.url, buildStartPath(ONBOARDING), {
      method: 'POST',
      headers
    })
    expect(missing.status).toBe(400)
    expect(String(json(missing).detail)).toMatch(/^Required request header 'Flowx-Platform'/)
    const wks = await rawRequest(strict.url, workspaceStartPath(ONBOARDING), {
      method: 'POST',
      headers
    })
    expect(wks.status).toBe(200)
  })
})

describe('5. body', () => {
  function bodyOfSize(bytes: number): string {
    const shell = '{"pad":""}'
    return `{"pad":"${'x'.repeat(bytes - shell.length)}"}`
  }

  it('takes exactly 1 MB and answers 1 MB + 1 with the NGINX 413 page, keeping nothing', async () => {
    const sb = await start()
    const path = buildStartPath(ONBOARDING)
    const fits = await rawRequest(sb.url, path, {
      method: 'POST',
      headers: startHeaders(sb.demoToken),
      body: bodyOfSize(MAX_BODY_BYTES)
    })
    expect(fits.status).toBe(200)
    const tooBig = await rawRequest(sb.url, path, {
      method: 'POST',
      headers: startHeaders(sb.demoToken),
      body: bodyOfSize(MAX_BODY_BYTES + 1)
    })
    expect(tooBig.status).toBe(413)
    expect(tooBig.headers['content-type']).toMatch(/^text\/html/)
    expect(tooBig.text).toContain('<center><h1>413 Request Entity Too Large</h1></center>')
    expect(tooBig.text).toContain('nginx')
    expect(sb.requests.at(-1)).toMatchObject({ body: '', bodyBytes: MAX_BODY_BYTES + 1 })
  })

  it.each([
    ['invalid JSON', '{"a":'],
    ['an array', '[1,2]'],
    ['a string', '"text"'],
    ['null', 'null']
  ])('answers %s with a 400 problem', async (_label, body) => {
    const sb = await start()
    const res = await rawRequest(sb.url, buildStartPath(ONBOARDING), {
      method: 'POST',
      headers: startHeaders(sb.demoToken),
      body
    })
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toBe('application/problem+json')
    expect(json(res)).toMatchObject({ type: 'https://www.flowx.ai/error', title: 'Bad Request' })
  })

  it('treats an empty body as {}', async () => {
    const sb = await start()
    const res = await rawRequest(sb.url, buildStartPath(ONBOARDING), {
      method: 'POST',
      headers: startHeaders(sb.demoToken)
    })
    expect(res.status).toBe(200)
  })
})
