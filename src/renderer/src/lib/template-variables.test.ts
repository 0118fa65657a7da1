import { describe, expect, it } from 'vitest'

import { rowErrors, rowsFrom, variablesFrom } from './template-variables'

describe('variables table', () => {
  it('round-trips a record through rows, leaving out unnamed rows', () => {
    const rows = rowsFrom({ appId: 'a-1', customerId: '42' })
    expect(rows).toEqual([
      { name: 'appId', value: 'a-1' },
      { name: 'customerId', value: '42' }
    ])
    expect(variablesFrom([...rows, { name: '  ', value: '' }])).toEqual({
      appId: 'a-1',
      customerId: '42'
    })
  })

  it('names what is wrong with each row', () => {
    const errors = rowErrors([
      { name: 'ok', value: '1' },
      { name: '', value: 'orphan' },
      { name: '$uuid', value: 'x' },
      { name: '9lives', value: 'x' },
      { name: 'ok', value: '2' },
      { name: '', value: '' }
    ])
    expect(errors[0]).toBeUndefined()
    expect(errors[1]).toMatch(/Name this variable/)
    expect(errors[2]).toMatch(/built-ins/)
    expect(errors[3]).toMatch(/letter or _ first/)
    expect(errors[4]).toMatch(/already defined in row 1/)
    expect(errors[5]).toBeUndefined()
  })
})
