import { randomBytes } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import type { HistoryQuery, LaunchRecord } from '../../shared/domain'
import { Redactor } from '../logging/redact'
import { ReportService, reportFileName, type ReportLedger } from './report-service'

const UUID = '7e7e7e7e-1111-4000-8000-000000000009'

function record(over: Partial<LaunchRecord> = {}): LaunchRecord {
  return {
    id: 'l1',
    startedAt: '2026-12-06T10:00:00.000Z',
    finishedAt: '2026-12-06T10:00:00.420Z',
    status: 'started',
    profileId: 'p1',
    profileName: 'Staging EU',
    profileColor: 'amber',
    mode: 'workspace',
    workspaceId: '0a8d5c1e-4b7f-4e2a-9c3d-5f6a7b8c9d01',
    appId: '1b9e6d2f-5c80-4f3b-8d4e-6a7b8c9d0e12',
    processName: '[DOCS]customer_onboarding',
    baseUrl: 'https://admin.staging.bank.example/rtm',
    path: '/api/runtime/wks/0a8d5c1e-4b7f-4e2a-9c3d-5f6a7b8c9d01/app/1b9e6d2f-5c80-4f3b-8d4e-6a7b8c9d0e12/process-name/%5BDOCS%5Dcustomer_onboarding/start',
    payload: '{"customerId":"C-1001","amount":25000}',
    tlsVerification: 'on',
    httpStatus: 200,
    durationMs: 420,
    ticket: 'SUP-4711',
    note: 'Customer says the form froze',
    launchedBy: 'ana',
    instance: {
      uuid: UUID,
      state: 'STARTED',
      buildId: '2cae7e30-6d91-4a4c-9e5f-7b8c9d0e1f23',
      buildStatusAtStart: 'COMMITTED',
      applicationId: '1b9e6d2f-5c80-4f3b-8d4e-6a7b8c9d0e12',
      tokens: [{ id: '2112691', state: 'ACTIVE', statusCurrentNode: 'ARRIVED' }]
    },
    ...over
  }
}

/** The ledger as a report sees it, over records held here. */
function ledgerOf(records: LaunchRecord[]): ReportLedger {
  return {
    get: async (id) => records.find((r) => r.id === id),
    search: async (query: HistoryQuery) => ({
      items: records
        .filter((r) => query.ticket === undefined || r.ticket === query.ticket)
        .toReversed()
        .map((r) => ({ ...r, tokenCount: r.instance?.tokens.length ?? 0 }))
    })
  }
}

function service(records: LaunchRecord[], redactor = new Redactor()): ReportService {
  return new ReportService({
    ledger: ledgerOf(records),
    redact: (text) => redactor.redactText(text),
    version: '9.9.9',
    now: () => new Date('2026-12-07T08:00:00.000Z')
  })
}

describe('launch reports', () => {
  it('says who, when, where, what, the result, instance, tokens and build in Markdown', async () => {
    const report = await service([record()]).create({ format: 'md', ids: ['l1'] })
    const text = report.text

    expect(report.count).toBe(1)
    expect(report.fileName).toBe('launch-report-docs-customer-onboarding-2026-12-07.md')
    for (const expected of [
      '# Launch report — \\[DOCS\\]customer\\_onboarding',
      '- **Result:** Started (HTTP 200)',
      '- **When:** 2026-12-06 10:00:00 UTC → 10:00:00',
      '- **Duration:** 420 ms',
      '- **Who:** ana',
      '- **Ticket:** SUP-4711',
      '- **Note:** Customer says the form froze',
      '- **Environment:** Staging EU — `https://admin.staging.bank.example/rtm`',
      `- **Instance uuid:** ${UUID}`,
      '| 2112691 | ACTIVE | ARRIVED |  |',
      '- **Build status at start:** COMMITTED',
      '"customerId": "C-1001"'
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('reports every launch of a ticket, oldest first, failed ones included, with their errors', async () => {
    const failed = record({
      id: 'l2',
      startedAt: '2026-12-06T11:00:00.000Z',
      status: 'failed',
      httpStatus: 400,
      instance: undefined,
      error: {
        code: 'VALIDATION',
        message: 'Some mandatory params are missing.',
        hint: 'Add the missing values.'
      }
    })
    const other = record({ id: 'l3', ticket: 'SUP-1' })
    const report = await service([record(), failed, other]).create({
      format: 'md',
      ticket: 'SUP-4711'
    })
    expect(report.count).toBe(2)
    expect(report.text.indexOf('## 1.')).toBeLessThan(report.text.indexOf('## 2.'))
    expect(report.text).toContain('- **VALIDATION:** Some mandatory params are missing.')
    expect(report.text).toContain('- **Outcomes:** 1 started, 1 failed')
    expect(report.text).not.toContain('l3')
  })

  it('leaves the payload out and masks host names when asked', async () => {
    const report = await service([
      record({ error: { code: 'NETWORK', message: 'admin.staging.bank.example refused' } })
    ]).create({ format: 'md', ids: ['l1'], includePayload: false, maskHosts: true })
    expect(report.text).not.toContain('C-1001')
    expect(report.text).not.toContain('bank.example')
    expect(report.text).toContain('https://host-1/rtm')
    expect(report.text).toContain('host-1 refused')
  })

  it('never carries a secret the app knows, in Markdown or HTML (canary)', async () => {
    const canary = `eyJhbGciOiJIUzI1NiJ9.${randomBytes(24).toString('base64url')}.${randomBytes(16).toString('base64url')}`
    const secret = `cs-${randomBytes(12).toString('hex')}`
    const redactor = new Redactor()
    redactor.add(canary)
    redactor.add(secret)
    const leaky = record({
      payload: `{"note":"pasted ${canary}","secret":"${secret}"}`,
      note: `token ${canary}`,
      error: { code: 'UNAUTHORIZED', message: `Bearer ${canary} refused`, detail: secret }
    })
    for (const format of ['md', 'html'] as const) {
      const { text } = await service([leaky], redactor).create({ format, ids: ['l1'] })
      expect(text).not.toContain(canary)
      expect(text).not.toContain(secret)
    }
  })

  it('HTML escapes everything it prints and carries no script', async () => {
    const hostile = record({
      processName: '<script>alert(1)</script>',
      note: '<img src=x onerror=alert(2)> & "quotes"',
      payload: '{"html":"</pre><script>alert(3)</script>"}',
      instance: {
        uuid: UUID,
        tokens: [{ id: '1', state: '<b>ACTIVE</b>', statusCurrentNode: 'ARRIVED' }]
      }
    })
    const { text } = await service([hostile]).create({ format: 'html', ids: ['l1'] })
    expect(text.toLowerCase()).not.toContain('<script')
    expect(text).not.toContain('<img')
    expect(text).not.toContain('<b>')
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(text).toContain('&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot;')
    expect(text).toContain("default-src 'none'")
    expect(text).toContain('@media print')
    // No tag carries an event-handler attribute.
    expect(text).not.toMatch(/<[^>]*\son[a-z]+\s*=/i)
  })

  it('Markdown escapes markup in values and fences payloads that contain backticks', async () => {
    const { text } = await service([
      record({ note: '**bold** [link](http://x) | pipe', payload: '{"a":"```"}' })
    ]).create({ format: 'md', ids: ['l1'] })
    // A link-shaped word becomes inline code: shown exactly, never a live link.
    expect(text).toContain('\\*\\*bold\\*\\* `[link](http://x)` \\| pipe')
    expect(text).toContain('````json')
  })

  it('names what is missing: an unknown id, a ticket without launches', async () => {
    await expect(service([record()]).create({ format: 'md', ids: ['nope'] })).rejects.toMatchObject(
      { error: { code: 'RECORD_NOT_FOUND', message: 'No launch nope in the history.' } }
    )
    await expect(
      service([record()]).create({ format: 'md', ticket: 'SUP-0' })
    ).rejects.toMatchObject({ error: { message: 'No launch carries the ticket SUP-0.' } })
  })

  it('saves through the save dialog with a name and filter for its format', async () => {
    const asked: Array<{ name: string; text: string; extensions?: readonly string[] }> = []
    const saved = await service([record()]).save(
      { format: 'html', ids: ['l1'] },
      {
        saveText: async (name, text, filter) => {
          asked.push({ name, text, ...(filter ? { extensions: filter.extensions } : {}) })
          return `/tmp/${name}`
        },
        openText: async () => undefined
      }
    )
    expect(saved).toEqual({
      path: '/tmp/launch-report-docs-customer-onboarding-2026-12-07.html',
      count: 1
    })
    expect(asked[0]?.extensions).toEqual(['html'])
    expect(asked[0]?.text).toMatch(/^<!doctype html>/)
  })

  it('suggests a file name safe on every file system', () => {
    expect(
      reportFileName({ format: 'html', ticket: 'INC 12/34: ä' }, [], '2026-12-07T08:00:00Z')
    ).toBe('launch-report-inc-12-34-a-2026-12-07.html')
  })
})
