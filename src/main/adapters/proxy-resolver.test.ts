import { describe, expect, it } from 'vitest'

import { proxyConfigFor } from '../../core/net/proxy'
import { createProxyResolver } from './proxy-resolver'

function fakeSession(answer: unknown | Error): {
  asked: string[]
  resolveProxy: (url: string) => Promise<string>
} {
  const asked: string[] = []
  return {
    asked,
    resolveProxy: (url) => {
      asked.push(url)
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer as string)
    }
  }
}

describe('createProxyResolver', () => {
  it("passes the URL to the session and returns Chromium's PAC answer", async () => {
    const session = fakeSession('PROXY proxy.corp:3128; DIRECT')
    const resolver = createProxyResolver(session)
    expect(await resolver.resolve('https://flowx.example.com/rtm')).toBe(
      'PROXY proxy.corp:3128; DIRECT'
    )
    expect(session.asked).toEqual(['https://flowx.example.com/rtm'])
  })

  it('feeds the system proxy into a profile in system mode', async () => {
    const resolver = createProxyResolver(fakeSession('HTTPS proxy.corp:443'))
    const choice = await proxyConfigFor(
      { mode: 'system' },
      undefined,
      resolver,
      'https://flowx.example.com'
    )
    expect(choice.route).toBe('https://proxy.corp:443')
  })

  it('a failing or odd session is reported by core with a specific message', async () => {
    const failing = createProxyResolver(fakeSession(new Error('net::ERR_FAILED')))
    await expect(failing.resolve('https://x.example')).rejects.toThrow('net::ERR_FAILED')
    await expect(
      proxyConfigFor({ mode: 'system' }, undefined, failing, 'https://x.example')
    ).rejects.toMatchObject({
      error: { code: 'NETWORK', message: 'The system proxy settings could not be read.' }
    })
    const odd = createProxyResolver(fakeSession(undefined))
    expect(await odd.resolve('https://x.example')).toBe('')
  })
})
