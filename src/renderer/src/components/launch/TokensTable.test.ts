// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import TokensTable from './TokensTable.vue'

describe('TokensTable', () => {
  it('indents child tokens under their parent', () => {
    const wrapper = mount(TokensTable, {
      props: {
        tokens: [
          { id: '11', state: 'ACTIVE', statusCurrentNode: 'EXECUTED_PARTIAL', parentTokenId: '10' },
          { id: '10', state: 'ON_HOLD', statusCurrentNode: 'ARRIVED' },
          {
            id: '12',
            state: 'ACTIVE',
            statusCurrentNode: 'WAITING_MESSAGE_EVENT',
            parentTokenId: '10'
          }
        ]
      }
    })
    const rows = wrapper.findAll('[data-testid="token-row"]')
    expect(rows.map((r) => [r.attributes('data-token-id'), r.attributes('data-depth')])).toEqual([
      ['10', '0'],
      ['11', '1'],
      ['12', '1']
    ])
    expect(rows[1].text()).toContain('EXECUTED_PARTIAL')
    expect(rows[1].text()).toContain('10')
    expect(rows[1].find('.id').attributes('style')).toContain('padding-left: 18px')
  })

  it('says so when there are no tokens', () => {
    const wrapper = mount(TokensTable, { props: { tokens: [] } })
    expect(wrapper.text()).toContain('no tokens')
  })
})
