import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { ID_TIPS, isUuid, parseIds, urlInCurl, type IdRole } from './links'

const W = '0a8d5c1e-4b7f-4e2a-9c3d-5f6a7b8c9d01'
const A = '1b9e6d2f-5c80-4f3b-8d4e-6a7b8c9d0e12'
const B = '2cae7e30-6d91-4a4c-9e5f-7b8c9d0e1f23'
const I = '7e7e7e7e-0000-4000-8000-000000000009'

describe('ids from a pasted link', () => {
  it('labels the ids of a Designer URL by the path word before each', () => {
    const parsed = parseIds(
      `https://designer.example.com/workspaces/${W}/projects/${A}/builds/${B}/process-instances/${I}?tab=tokens`
    )
    expect(parsed.kind).toBe('designer-url')
    expect(parsed.fields).toEqual({ workspaceId: W, appId: A, buildId: B, instanceUuid: I })
    expect(parsed.ids.find((id) => id.value === A)).toMatchObject({
      role: 'app',
      where: 'after /projects/'
    })
    expect(parsed.ambiguous).toEqual([])
    expect(parsed.unlabelled).toEqual([])
  })

  it('reads hash routes and query parameters', () => {
    const parsed = parseIds(`https://admin.example.com/#/projects/${A}/runtime?workspaceId=${W}`)
    expect(parsed.fields).toEqual({ appId: A, workspaceId: W })
    expect(parsed.ids.find((id) => id.value === W)?.where).toBe('query workspaceId')
  })

  it('reads both start URLs, with the base URL, mode and decoded process name', () => {
    const byBuild = parseIds(
      `https://admin.example.com/rtm/api/runtime/app/${A}/build/${B}/process-name/%5BDOCS%5Dcustomer_onboarding/start`
    )
    expect(byBuild).toMatchObject({
      kind: 'runtime-url',
      baseUrl: 'https://admin.example.com/rtm',
      mode: 'build',
      processName: '[DOCS]customer_onboarding',
      fields: { appId: A, buildId: B }
    })
    const byWorkspace = parseIds(
      `https://admin.example.com/rtm/api/runtime/wks/${W}/app/${A}/process-name/loan%20request/start`
    )
    expect(byWorkspace).toMatchObject({
      mode: 'workspace',
      processName: 'loan request',
      fields: { workspaceId: W, appId: A }
    })
  })

  it('reads the URL of a cURL command, quoted and over several lines', () => {
    const curl = `curl -X POST \\\n  'https://admin.example.com/rtm/api/runtime/wks/${W}/app/${A}/process-name/x/start' \\\n  -H 'Authorization: Bearer {{token}}' -d '{}'`
    expect(urlInCurl(curl)).toContain('/api/runtime/wks/')
    const parsed = parseIds(curl)
    expect(parsed.fromCurl).toBe(true)
    expect(parsed.fields).toEqual({ workspaceId: W, appId: A })
  })

  it('reports two candidates for one field as ambiguous, and unlabelled ids to ask about', () => {
    const parsed = parseIds(`https://d.example.com/projects/${A}/projects/${B}/x/${I}`)
    expect(parsed.ambiguous).toEqual([{ field: 'appId', candidates: [A, B] }])
    expect(parsed.fields.appId).toBeUndefined()
    expect(parsed.unlabelled).toEqual([I])
    const text = parseIds(`the workspace is ${W} and the app ${A}`)
    expect(text.kind).toBe('text')
    expect(text.unlabelled).toEqual([W, A])
  })

  it('finds nothing in text without UUIDs, and never a UUID inside a longer hex run', () => {
    expect(parseIds('no ids here').ids).toEqual([])
    expect(parseIds(`x${W}0`).ids).toEqual([])
    expect(isUuid(W)).toBe(true)
    expect(isUuid('my-app')).toBe(false)
  })

  it('has a tip for every id field', () => {
    for (const tip of Object.values(ID_TIPS)) expect(tip.length).toBeGreaterThan(20)
    expect(ID_TIPS.workspaceId).toContain('Copy UUID')
  })
})

/** Path words of a Designer-like URL and the role each gives the id after it. */
const WORDS: Array<[string, IdRole]> = [
  ['workspaces', 'workspace'],
  ['workspace', 'workspace'],
  ['projects', 'app'],
  ['applications', 'app'],
  ['app', 'app'],
  ['builds', 'build'],
  ['process-instances', 'instance'],
  ['instances', 'instance'],
  ['process-definitions', 'process-definition'],
  ['organizations', 'organization']
]
const plainSegment = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,11}$/)
  .filter((s) => !WORDS.some(([w]) => w === s) && !['api', 'runtime', 'wks'].includes(s))

describe('ids from a pasted link (properties)', () => {
  it('finds and labels any UUID placed in a Designer-like URL', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('https://designer.example.com', 'http://10.0.0.7:8080', 'https://a.b.c'),
        fc.array(plainSegment, { maxLength: 3 }),
        fc.constantFrom(...WORDS),
        fc.uuid(),
        fc.array(plainSegment, { maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        (origin, before, [word, role], uuid, after, hash, upper) => {
          const id = upper ? uuid.toUpperCase() : uuid
          const path = [...before, word, id, ...after].join('/')
          const url = `${origin}/${hash ? '#/' : ''}${path}`
          const parsed = parseIds(url)
          const found = parsed.ids.find((f) => f.value === id)
          expect(found?.role).toBe(role)
          expect(found?.where).toBe(`after /${word}/`)
        }
      )
    )
  })

  it('finds any UUID given as a named query parameter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ['workspaceId', 'workspace'],
          ['appId', 'app'],
          ['projectId', 'app'],
          ['buildId', 'build'],
          ['processInstanceUuid', 'instance']
        ),
        fc.uuid(),
        ([name, role], uuid) => {
          const parsed = parseIds(`https://designer.example.com/x?${name}=${uuid}&tab=1`)
          expect(parsed.ids).toContainEqual({ value: uuid, role, where: `query ${name}` })
        }
      )
    )
  })
})
