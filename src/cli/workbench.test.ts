/** The workbench commands against the sandbox: start with variables, run, library, replay, curl. */
import { execFile } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../sandbox'
import { jsonLines, oneJson as one, useSandboxFixture } from './test-support'

const { appId } = SANDBOX_IDS
const DOCS = '[DOCS]customer_onboarding'
const TEMPLATE = '{"customerId": "{{customerId}}", "id": 9007199254740993, "ref": "{{$uuid}}"}'
const fx = useSandboxFixture()
const run = promisify(execFile)

function startArgs(...extra: string[]): string[] {
  return [...fx.byBuild(), '--data', TEMPLATE, ...extra]
}

function saveProfile(name: string, customerId: string): Promise<void> {
  return fx.saveProfile(name, { variables: { customerId } })
}

describe('start with variables', () => {
  it('--dry-run prints the resolved URL, values and payload, sends nothing, exits 0', async () => {
    const before = fx.sandbox.requests.length
    const { code, stdout } = await fx.h.run(startArgs('--var', 'customerId=C-1', '--dry-run'))
    expect(code).toBe(0)
    expect(stdout.text).toContain('Dry run: nothing was sent.')
    expect(stdout.text).toContain(`POST ${fx.sandbox.baseUrl}/api/runtime/app/${appId}/build/`)
    expect(stdout.text).toContain('customerId = C-1')
    expect(stdout.text).toContain('"id": 9007199254740993')
    expect(fx.sandbox.requests.length).toBe(before)
  })

  it('starts with the values resolved, the exact bytes sent and the template, ticket and note kept', async () => {
    const { code, stdout } = await fx.h.run(
      startArgs('--var', 'customerId=C-1', '--ticket', 'SUP-9', '--note', 'retry', '--json')
    )
    expect(code).toBe(0)
    const result = one(stdout)
    expect(result.status).toBe('started')
    const sent = fx.lastRequest().body
    expect(sent).toMatch(
      /^\{"customerId": "C-1", "id": 9007199254740993, "ref": "[0-9a-f-]{36}"\}$/
    )
    const record = fx.h.withLedger((ledger) => ledger.get(result.id))
    expect(record).toMatchObject({
      payload: sent,
      template: TEMPLATE,
      ticket: 'SUP-9',
      note: 'retry'
    })
    expect(record?.variables?.customerId).toBe('C-1')
    const history = jsonLines((await fx.h.run(['history', '--json', '--limit', '1'])).stdout)
    expect(history[0]).toMatchObject({ id: result.id, template: TEMPLATE, payload: sent })
    expect(history[0].variables).toMatchObject({ customerId: 'C-1' })
  })

  it('refuses an unresolved variable with exit 2, naming it; nothing sent', async () => {
    const before = fx.sandbox.requests.length
    const { code, stderr } = await fx.h.run(startArgs())
    expect(code).toBe(2)
    expect(stderr.text).toContain(
      'The variable {{customerId}} in the payload at line 1, column 17 has no value'
    )
    expect(stderr.text).toContain('--var customerId=VALUE')
    expect(fx.sandbox.requests.length).toBe(before)
  })

  it('--save-as writes a saved launch that `library list` shows and `run` starts on a profile', async () => {
    await saveProfile('Sandbox B', 'C-B')
    const saved = await fx.h.run([
      'start',
      '--profile',
      'Sandbox B',
      '--process',
      DOCS,
      '--data',
      TEMPLATE,
      '--save-as',
      'Onboarding smoke',
      '--dry-run'
    ])
    expect(saved.code).toBe(0)
    expect(saved.stderr.text).toContain('Saved as “Onboarding smoke”')
    expect(readdirSync(join(fx.h.dataDir, 'library'))).toEqual(['onboarding-smoke.launch.json'])

    const listed = await fx.h.run(['library', 'list', '--json'])
    expect(jsonLines(listed.stdout)).toEqual([
      expect.objectContaining({
        name: 'Onboarding smoke',
        kind: 'launch',
        status: 'ok',
        processName: DOCS
      })
    ])

    const ran = await fx.h.run(['run', 'Onboarding smoke', '--profile', 'Sandbox B', '--json'])
    expect(ran.code).toBe(0)
    const result = one(ran.stdout)
    expect(result).toMatchObject({ status: 'started', profile: 'Sandbox B', processName: DOCS })
    expect(fx.lastRequest().body).toContain('"customerId": "C-B"')
    expect(fx.h.withLedger((ledger) => ledger.get(result.id))?.savedLaunch).toBe('Onboarding smoke')

    const other = await fx.h.run([
      'run',
      'onboarding-smoke',
      '--profile',
      'Sandbox B',
      '--var',
      'customerId=C-X',
      '--dry-run'
    ])
    expect(other.code).toBe(0)
    expect(other.stdout.text).toContain('"customerId": "C-X"')
  })

  it('`run` of an unknown or broken saved launch exits 2 naming it', async () => {
    await saveProfile('Sandbox B', 'C-B')
    const unknown = await fx.h.run(['run', 'Nope', '--profile', 'Sandbox B'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.text).toContain('There is no saved launch named “Nope”.')
    mkdirSync(join(fx.h.dataDir, 'library'), { recursive: true })
    const path = join(fx.h.dataDir, 'library', 'half.launch.json')
    writeFileSync(path, '{"kind": "flowx-launcher/launch", "version": 1,')
    const broken = await fx.h.run(['run', 'half', '--profile', 'Sandbox B'])
    expect(broken.code).toBe(2)
    expect(broken.stderr.text).toContain(`${path} is broken: Not valid JSON at line 1`)
  })
})

describe('replay and curl', () => {
  it('replays exactly, fresh (dry run shows the diff) and to another profile', async () => {
    await saveProfile('Sandbox B', 'C-B')
    await saveProfile('Sandbox C', 'C-C')
    const started = await fx.h.run([
      'start',
      '--profile',
      'Sandbox B',
      '--process',
      DOCS,
      '--data',
      TEMPLATE,
      '--json'
    ])
    const first = one(started.stdout)
    expect(first.status).toBe('started')
    const firstBody = fx.lastRequest().body

    const exact = await fx.h.run(['replay', first.id, '--json'])
    expect(exact.code).toBe(0)
    expect(one(exact.stdout)).toMatchObject({ status: 'started', profile: 'Sandbox B' })
    expect(fx.lastRequest().body).toBe(firstBody)

    const dry = await fx.h.run(['replay', first.instance?.uuid as string, '--fresh', '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.stdout.text).toContain(`Replay (fresh) of ${first.id}: nothing was sent.`)
    expect(dry.stdout.text).toMatch(/\{\{\$uuid\}\}: [0-9a-f-]{36} → [0-9a-f-]{36}/)
    expect(dry.stdout.text).toContain('  - {"customerId": "C-B"')

    const moved = await fx.h.run(['replay', first.id, '--to-profile', 'Sandbox C', '--json'])
    expect(moved.code).toBe(0)
    expect(one(moved.stdout)).toMatchObject({ status: 'started', profile: 'Sandbox C' })
    expect(fx.lastRequest().body).toContain('"customerId": "C-C"')
  })

  it('prints a placeholders cURL that real curl runs with FLOWX_TOKEN, and refuses resolved without --yes', async () => {
    const first = one((await fx.h.run(startArgs('--var', 'customerId=C-1', '--json'))).stdout)
    const printed = await fx.h.run(['curl', first.id])
    expect(printed.code).toBe(0)
    expect(printed.stdout.text).toContain('"Authorization: Bearer $FLOWX_TOKEN"')
    const before = fx.sandbox.requests.length
    const { stdout } = await run('bash', ['-c', `${printed.stdout.text.trim()} --silent`], {
      env: { ...process.env, FLOWX_TOKEN: fx.sandbox.demoToken },
      timeout: 60_000
    })
    expect((JSON.parse(stdout) as { uuid?: string }).uuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(fx.sandbox.requests.slice(before).map((r) => r.body)).toEqual([
      fx.h.withLedger((ledger) => ledger.get(first.id))?.payload
    ])
    const resolved = await fx.h.run(['curl', first.id, '--mode', 'resolved'])
    expect(resolved.code).toBe(2)
    expect(resolved.stderr.text).toContain('Pass --yes to print a resolved command')
    const redacted = await fx.h.run(['curl', first.id, '--mode', 'redacted'])
    expect(redacted.stdout.text).toContain("'Authorization: Bearer ••••'")
  })
})
