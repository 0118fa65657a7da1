import { describe, expect, it } from 'vitest'

import { flattenTokenTree } from './token-tree'

describe('token tree', () => {
  it('puts children under their parent, depth first, in server order', () => {
    const rows = flattenTokenTree([
      { id: '3', state: 'ACTIVE', statusCurrentNode: 'EXECUTED_PARTIAL', parentTokenId: '1' },
      { id: '1', state: 'ON_HOLD', statusCurrentNode: 'ARRIVED' },
      { id: '4', state: 'ACTIVE', statusCurrentNode: 'WAITING_MESSAGE_EVENT', parentTokenId: '1' },
      { id: '5', state: 'ACTIVE', statusCurrentNode: 'ARRIVED', parentTokenId: '4' },
      { id: '9', state: 'ACTIVE', statusCurrentNode: 'ARRIVED', parentTokenId: 'gone' }
    ])
    expect(rows.map((r) => [r.token.id, r.depth])).toEqual([
      ['1', 0],
      ['3', 1],
      ['4', 1],
      ['5', 2],
      ['9', 0]
    ])
  })

  it('survives a cycle and numeric ids', () => {
    const rows = flattenTokenTree([
      {
        id: 1 as unknown as string,
        state: 'ACTIVE',
        statusCurrentNode: 'ARRIVED',
        parentTokenId: '2'
      },
      {
        id: 2 as unknown as string,
        state: 'ACTIVE',
        statusCurrentNode: 'ARRIVED',
        parentTokenId: '1'
      }
    ])
    expect(rows).toHaveLength(2)
  })
})
