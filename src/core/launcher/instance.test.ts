import { describe, expect, it } from 'vitest'

import { parseInstance } from './instance'

describe('parseInstance', () => {
  it('reads the documented start response, ids as strings', () => {
    const body = {
      processDefinitionFlowxUuid: 'def-1',
      buildId: 'b-1',
      buildStatusAtStart: 'COMMITTED',
      applicationId: 'a-1',
      processDefinitionName: '[DOCS]customer_onboarding',
      tokens: [
        { id: 7, state: 'ON_HOLD', statusCurrentNode: 'ARRIVED' },
        { id: 8, state: 'ACTIVE', statusCurrentNode: 'EXECUTED_PARTIAL', parentTokenId: 7 }
      ],
      state: 'STARTED',
      uuid: 'u-1',
      instanceMetadata: { processInstanceId: 2112691, processInstanceUuid: 'u-1' }
    }
    expect(parseInstance(body)).toEqual({
      uuid: 'u-1',
      state: 'STARTED',
      processInstanceId: '2112691',
      processDefinitionName: '[DOCS]customer_onboarding',
      applicationId: 'a-1',
      buildId: 'b-1',
      buildStatusAtStart: 'COMMITTED',
      tokens: [
        { id: '7', state: 'ON_HOLD', statusCurrentNode: 'ARRIVED' },
        { id: '8', state: 'ACTIVE', statusCurrentNode: 'EXECUTED_PARTIAL', parentTokenId: '7' }
      ]
    })
  })

  it('takes the uuid from instanceMetadata when the top level lacks it (by-workspace subset)', () => {
    expect(parseInstance({ instanceMetadata: { processInstanceUuid: 'u-2' } })).toEqual({
      uuid: 'u-2',
      tokens: []
    })
  })

  it('tolerates missing and odd fields', () => {
    expect(
      parseInstance({
        uuid: 12,
        state: null,
        tokens: [null, { state: 'ACTIVE' }, { id: 'x' }, 'token'],
        instanceMetadata: 'nope'
      })
    ).toEqual({ uuid: '12', tokens: [{ id: 'x', state: '', statusCurrentNode: '' }] })
    expect(parseInstance({})).toEqual({ tokens: [] })
    expect(parseInstance({ uuid: '', tokens: {} })).toEqual({ tokens: [] })
  })

  it('caps absurd values', () => {
    const instance = parseInstance({
      uuid: 'u'.repeat(10_000),
      tokens: Array.from({ length: 5000 }, (_, i) => ({ id: i }))
    })
    expect(instance?.uuid).toHaveLength(500)
    expect(instance?.tokens).toHaveLength(1000)
  })

  it.each([null, undefined, 'text', 42, [], [{ uuid: 'u' }]])(
    'returns undefined for %j',
    (body) => {
      expect(parseInstance(body)).toBeUndefined()
    }
  )
})
