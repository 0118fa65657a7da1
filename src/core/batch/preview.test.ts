import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { previewRows } from './preview'
import { readRows } from './rows'
import { templateRowResolver } from './template-rows'
import { ONBOARDING } from './test-batch'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function csv(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowx-preview-'))
  dirs.push(dir)
  const path = join(dir, 'rows.csv')
  writeFileSync(path, text)
  return path
}

describe('batch preview (dry run)', () => {
  it('counts every row, resolves the first ones and lists each row’s errors', async () => {
    const lines = ['customerId,amount']
    for (let i = 1; i <= 12; i++) lines.push(i === 7 ? 'C-7' : `C-${i},${i}`)
    const preview = await previewRows(
      readRows(csv(lines.join('\n'))),
      templateRowResolver(ONBOARDING)
    )
    expect(preview).toMatchObject({ total: 12, sendable: 11, errorCount: 1 })
    expect(preview.columns).toEqual(['customerId', 'amount'])
    expect(preview.first.map((r) => r.row)).toEqual([1, 2, 3, 4, 5])
    const first = JSON.parse(preview.first[0]?.payload ?? '') as Record<string, unknown>
    expect(first).toMatchObject({ customerId: 'C-1', amount: 1 })
    expect(preview.first[0]?.variables.$uuid).toBe(first.ref)
    // Each row gets its own built-ins.
    expect(preview.first[1]?.variables.$uuid).not.toBe(first.ref)
    expect(preview.errors).toEqual([
      {
        row: 7,
        errors: [{ kind: 'invalid-row', message: 'Row 7 has 1 field where the header has 2.' }]
      }
    ])
  })

  it('names the missing variable, and reports a template that is not JSON once resolved', async () => {
    const missing = await previewRows(
      readRows(csv('customerId\nC-1\n')),
      templateRowResolver(ONBOARDING)
    )
    expect(missing.errors[0]?.errors[0]).toMatchObject({ kind: 'unresolved' })
    expect(missing.errors[0]?.errors[0]?.message).toMatch(/amount/)

    const broken = templateRowResolver({
      template: { ...ONBOARDING.template, payload: '{"amount": {{amount}} "x": 1}' }
    })
    const invalid = await previewRows(readRows(csv('amount\n1\n2\n')), broken)
    expect(invalid.sendable).toBe(0)
    expect(invalid.errors.map((e) => e.errors[0]?.kind)).toEqual(['invalid-json', 'invalid-json'])
    expect(invalid.errors[0]?.errors[0]?.message).toMatch(/^After resolving: /)
  })

  it('lists the rows that send a value as text where the payload has it outside quotes', async () => {
    const resolver = templateRowResolver({
      template: {
        ...ONBOARDING.template,
        payload: '{"amount": {{amount}}, "flag": {{flag}}, "note": "{{note}}"}'
      }
    })
    const rows = csv('amount,flag,note\n10,true,ok\n"12,5",true,ok\n7,maybe,free text\n')
    const preview = await previewRows(readRows(rows), resolver)
    // Sent all the same: as strings.
    expect(preview).toMatchObject({ total: 3, sendable: 3, errorCount: 0, textValueCount: 2 })
    expect(preview.textValues).toEqual([
      { row: 2, values: { amount: '12,5' } },
      { row: 3, values: { flag: 'maybe' } }
    ])
    expect(JSON.parse(preview.first[1]?.payload ?? '')).toEqual({
      amount: '12,5',
      flag: true,
      note: 'ok'
    })
  })
})
