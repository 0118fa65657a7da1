import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { curlCommand, shellQuote } from './generate'
import { parseStartUrl, readPastedLaunch } from './parse'
import { shellWords } from './shell-words'

const URL_BUILD =
  'https://admin.example.com/rtm/api/runtime/app/app-1/build/b-2/process-name/%5BDOCS%5Dcustomer_onboarding/start'

describe('shell quoting', () => {
  it('survives any text: what bash would read back is the text itself (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000')),
        (text) => {
          expect(shellWords(`x ${shellQuote(text)}`)).toEqual(['x', text])
        }
      ),
      { numRuns: 500 }
    )
  })

  it('reads a generated command back to the same launch (property over payload strings)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000')),
        (value) => {
          const payload = JSON.stringify({ value, q: `'"$HOME \`id\` \\ ț 😀\n` })
          const command = curlCommand({
            url: URL_BUILD,
            platform: 'web',
            payload,
            mode: 'redacted',
            authenticated: true
          })
          const back = readPastedLaunch(command)
          expect(JSON.parse(back.payload)).toEqual(JSON.parse(payload))
          expect(back).toMatchObject({
            mode: 'build',
            appId: 'app-1',
            buildId: 'b-2',
            processName: '[DOCS]customer_onboarding',
            platform: 'web'
          })
          expect(back.bearer).toBeUndefined()
        }
      ),
      { numRuns: 200 }
    )
  })

  it('writes the token per mode', () => {
    const base = { url: URL_BUILD, platform: 'web', payload: '{}', authenticated: true }
    expect(curlCommand({ ...base, mode: 'placeholders' })).toContain(
      '-H "Authorization: Bearer $FLOWX_TOKEN"'
    )
    expect(curlCommand({ ...base, mode: 'redacted', token: 'secret-1' })).toContain(
      "-H 'Authorization: Bearer ••••'"
    )
    expect(curlCommand({ ...base, mode: 'redacted', token: 'secret-1' })).not.toContain('secret-1')
    expect(curlCommand({ ...base, mode: 'resolved', token: 'secret-1' })).toContain(
      "-H 'Authorization: Bearer secret-1'"
    )
    expect(curlCommand({ ...base, mode: 'placeholders', authenticated: false })).not.toContain(
      'Authorization'
    )
  })
})

describe('reading a pasted command or URL', () => {
  it('reads Chrome’s “Copy as cURL (bash)” form with $’…’ quoting and keeps the token apart', () => {
    const pasted = `curl 'https://flowx.example.com/onboarding/rtm/api/runtime/wks/w-1/app/a-1/process-name/cerere_%C3%AEmprumut/start' \\
  -H 'accept: application/json, text/plain, */*' \\
  -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig' \\
  -H 'content-type: application/json' \\
  -H 'flowx-platform: web' \\
  -H 'sec-ch-ua-mobile: ?0' \\
  --data-raw $'{"name":"O\\'Brien","note":"line1\\\\nline2","id":9007199254740993}' \\
  --compressed`
    const read = readPastedLaunch(pasted)
    expect(read).toMatchObject({
      mode: 'workspace',
      workspaceId: 'w-1',
      appId: 'a-1',
      processName: 'cerere_împrumut',
      baseUrl: 'https://flowx.example.com/onboarding/rtm',
      platform: 'web',
      bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig',
      notes: []
    })
    expect(read.payload).toBe(
      '{\n  "name": "O\'Brien",\n  "note": "line1\\nline2",\n  "id": 9007199254740993\n}'
    )
  })

  it('reads -d, double quotes, --url= and notes what it ignores', () => {
    const read = readPastedLaunch(
      `curl -X PUT --url="${URL_BUILD}" -H "X-Trace: 1" -H "Authorization: Bearer $FLOWX_TOKEN" -d "{\\"a\\": \\"\\$x\\"}"`
    )
    expect(read.payload).toBe('{\n  "a": "$x"\n}')
    expect(read.bearer).toBeUndefined()
    expect(read.notes).toEqual([
      'The header X-Trace is not sent by FlowX Launcher.',
      "The token comes from $FLOWX_TOKEN: the profile's token is used.",
      'The method was PUT; starts are always sent with POST.'
    ])
  })

  it('reads start URLs of both modes', () => {
    expect(parseStartUrl(URL_BUILD)).toEqual({
      mode: 'build',
      workspaceId: '',
      appId: 'app-1',
      buildId: 'b-2',
      processName: '[DOCS]customer_onboarding',
      baseUrl: 'https://admin.example.com/rtm'
    })
    expect(
      readPastedLaunch('http://127.0.0.1:4000/rtm/api/runtime/wks/w/app/a/process-name/p/start')
    ).toMatchObject({ mode: 'workspace', workspaceId: 'w', payload: '{}' })
  })

  it.each([
    [
      'curl https://example.com/api/other',
      'https://example.com/api/other is not a FlowX start URL'
    ],
    ['hello', 'neither a cURL command nor a FlowX start URL'],
    ["curl 'https://x/rtm", 'single-quoted string is never closed'],
    [`curl ${URL_BUILD} -d @body.json`, 'read from the file body.json'],
    ['curl -X POST', 'has no URL']
  ])('explains what is wrong with %j', (text, message) => {
    expect(() => readPastedLaunch(text)).toThrow(message)
  })
})
