import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { SavedLaunch } from '../../shared/workbench'
import { launchFileText, parseLaunchFile, secretProblem, slugify } from './launch-file'
import { SAMPLE } from './test-launches'

function read(text: string): SavedLaunch {
  const result = parseLaunchFile(text)
  if (!result.ok) throw new Error(result.problem)
  return result.launch
}

describe('saved-launch file', () => {
  it('is written with a fixed key order, sorted variables and the payload pretty-printed', () => {
    expect(launchFileText(SAMPLE)).toBe(`{
  "kind": "flowx-launcher/launch",
  "version": 1,
  "name": "Customer onboarding — Ștefan",
  "description": "New retail customer",
  "tags": [
    "onboarding",
    "smoke"
  ],
  "target": {
    "mode": "build",
    "workspaceId": "",
    "appId": "{{appId}}",
    "buildId": "{{buildId}}",
    "processName": "[DOCS]customer_onboarding"
  },
  "variables": {
    "amount": "100",
    "ref": "R-1"
  },
  "ticket": "SUP-42",
  "notes": "Run on staging first.",
  "payload": {
    "customerId": 9007199254740993,
    "email": "{{$randomEmail}}",
    "ref": "{{ref}}"
  }
}
`)
  })

  it('reads back what it wrote, big integers exactly', () => {
    const back = read(launchFileText(SAMPLE))
    expect(back).toEqual({ ...SAMPLE, payload: expect.any(String) as string })
    expect(back.payload).toContain('"customerId": 9007199254740993')
    expect(read(launchFileText(back))).toEqual(back)
  })

  it('keeps a payload with bare placeholders as payloadText', () => {
    const launch = { ...SAMPLE, payload: '{"amount": {{amount}}}' }
    const text = launchFileText(launch)
    expect(JSON.parse(text)).toMatchObject({ payloadText: '{"amount": {{amount}}}' })
    expect(read(text).payload).toBe('{"amount": {{amount}}}')
  })

  it('round-trips any launch (property)', () => {
    const str = fc.string({ maxLength: 30 })
    const launch = fc.record({
      name: fc
        .string({ minLength: 1, maxLength: 40 })
        // eslint-disable-next-line no-control-regex
        .filter((s) => s.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(s))
        .map((s) => s.trim()),
      description: str,
      tags: fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { maxLength: 4 }),
      target: fc.record({
        mode: fc.constantFrom('build' as const, 'workspace' as const),
        workspaceId: fc.stringMatching(/^[a-z0-9-]{0,12}$/),
        appId: fc.stringMatching(/^[a-z0-9-]{0,12}$/),
        buildId: fc.stringMatching(/^[a-z0-9-]{0,12}$/),
        processName: fc
          .stringMatching(/^[a-z_ ]{1,12}$/)
          .map((s) => s.trim())
          .filter(Boolean)
      }),
      payload: fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify({ v })),
        str.map((s) => `{"x": {{v}}, "s": ${JSON.stringify(s)}}`)
      ),
      variables: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), str, { maxKeys: 4 }),
      ticket: fc.stringMatching(/^[A-Z0-9-]{0,10}$/),
      notes: str
    })
    fc.assert(
      fc.property(launch, (l) => {
        const once = read(launchFileText(l))
        expect({ ...once, payload: '' }).toEqual({ ...l, payload: '', variables: once.variables })
        expect(once.variables).toEqual(l.variables)
        expect(read(launchFileText(once))).toEqual(once)
      })
    )
  })

  it.each([
    [
      '{"kind": "flowx-launcher/launch", "version": 1,',
      'Not valid JSON at line 1, column 48: the text ends early: "}" is missing.'
    ],
    ['[]', 'Not a saved launch: the file is not a JSON object.'],
    ['{"kind": "flowx-launcher/launch"}', 'Not a saved launch: "version" is missing'],
    [
      '{"kind": "flowx-launcher/launch", "version": 2, "name": "x"}',
      'Written by a newer FlowX Launcher (saved-launch version 2)'
    ],
    ['{"kind": "other", "version": 1}', 'Not a saved launch at kind'],
    [
      '{"kind": "flowx-launcher/launch", "version": 1, "name": "x", "target": {"mode": "build", "processName": "p"}, "surprise": 1}',
      'Not a saved launch'
    ],
    [
      '{"kind": "flowx-launcher/launch", "version": 1, "name": "", "target": {"mode": "build", "processName": "p"}}',
      'Cannot use this saved launch at name: Name the saved launch.'
    ]
  ])('reports what is wrong with %j', (text, problem) => {
    const result = parseLaunchFile(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toContain(problem)
  })

  it('upgrades an older version through the migrations, in order', () => {
    const v1 = JSON.stringify({
      kind: 'flowx-launcher/launch',
      version: 1,
      title: 'Old',
      target: { mode: 'build', processName: 'p' },
      payloadText: '{}'
    })
    const toV2 = (doc: Record<string, unknown>) => {
      const { title, ...rest } = doc
      return { ...rest, name: title }
    }
    const result = parseLaunchFile(v1, [toV2])
    expect(result).toMatchObject({ ok: true, launch: { name: 'Old', payload: '{}' } })
    const failing = parseLaunchFile(v1, [
      () => {
        throw new Error('title missing')
      }
    ])
    expect(failing).toEqual({ ok: false, problem: 'Cannot upgrade from version 1: title missing' })
  })

  it('refuses to hold a token', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIiwiZXhwIjoxfQ.c2lnbmF0dXJl'
    expect(secretProblem({ ...SAMPLE, variables: { auth: jwt } })).toContain('in the variable auth')
    expect(
      secretProblem({
        ...SAMPLE,
        notes: 'curl -H "Authorization: Bearer abcdefghijklmnopqrstuvwxyz"'
      })
    ).toContain('in the notes')
    expect(secretProblem(SAMPLE)).toBeUndefined()
  })

  it('makes file names from names', () => {
    expect(slugify('Customer onboarding — Ștefan')).toBe('customer-onboarding-stefan')
    expect(slugify('  ---  ')).toBe('saved-launch')
    expect(slugify('[DOCS] Loan/Request')).toBe('docs-loan-request')
  })
})
