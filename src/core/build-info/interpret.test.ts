import { describe, expect, it } from 'vitest'

import { isRouteNotFound, notFoundMessage, readBuildInfo, wrongIdOf } from './interpret'

const W = '0a8d5c1e-4b7f-4e2a-9c3d-5f6a7b8c9d01'
const A = '1b9e6d2f-5c80-4f3b-8d4e-6a7b8c9d0e12'

describe('reading build-info answers', () => {
  it.each([
    [
      'Spring’s default body',
      '{"timestamp":"…","status":404,"error":"Not Found","path":"/x"}',
      true
    ],
    ['a plain problem', '{"type":"about:blank","title":"Not Found","status":404}', true],
    ['Spring 6 no resource', '{"title":"Not Found","detail":"No static resource api/x."}', true],
    ['an ingress page', '<html><body>404 Not Found</body></html>', true],
    ['an empty body', '', true],
    [
      'FlowX 5.9',
      '{"type":"https://www.flowx.ai/error","title":"Entity not found.","status":404}',
      false
    ],
    [
      'FlowX 4.x',
      '{"errorKey":"error.entity.not_found","title":"Entity not found.","status":404}',
      false
    ],
    ['a detail naming the app', `{"title":"Not Found","detail":"x","entityName":"Build"}`, false]
  ])('tells a missing route from a missing entity: %s', (_label, body, route) => {
    expect(isRouteNotFound(body)).toBe(route)
  })

  it('names the id FlowX could not find from its words', () => {
    const ids = { workspaceId: W, appId: A }
    expect(wrongIdOf(`Application ${A} not found in workspace ${W}`, ids)).toBe('app')
    expect(wrongIdOf(`Workspace ${W} not found`, ids)).toBe('workspace')
    expect(wrongIdOf(`No active build found for application ${A}`, ids)).toBe('active-build')
    expect(wrongIdOf('Entity not found.', ids)).toBe('unknown')
    expect(wrongIdOf('anything', { uuid: 'u' })).toBe('instance')
    expect(notFoundMessage('workspace', ids).message).toBe(
      `FlowX found no workspace ${W}: the workspace id is wrong.`
    )
    expect(notFoundMessage('unknown', ids).message).toContain(
      'the workspace id or the app id is wrong'
    )
  })

  it('reads the DTO fields, the status under either name, and refuses what is not build info', () => {
    expect(
      readBuildInfo({
        buildId: 'b',
        buildStatus: 'WORK_IN_PROGRESS',
        buildSettings: { platforms: 'WEB' }
      })
    ).toEqual({ buildId: 'b', status: 'WORK_IN_PROGRESS', buildSettings: { platforms: 'WEB' } })
    expect(readBuildInfo({ uuid: 'x', state: 'STARTED' })).toBeUndefined()
  })
})
