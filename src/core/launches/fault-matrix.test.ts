/**
 * The fault matrix (security.md NET-1/2/6): for both start modes, every way a server can misbehave
 * ends in one specific error, a completed ledger record, and no request to anyone else.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SANDBOX_IDS, startSandbox, type FaultConfig, type Sandbox } from '../../sandbox'
import type { LaunchStatus, StartTarget } from '../../shared/domain'
import type { ErrorCode } from '../../shared/errors'
import { openLedger, type Ledger } from '../history'
import { silentLogger } from '../ports'
import { LaunchService, type LaunchConnection } from './launch-service'

let dir: string
let sandbox: Sandbox
let elsewhere: Sandbox
let ledger: Ledger
let service: LaunchService

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-faults-'))
  sandbox = await startSandbox({ port: 0 })
  elsewhere = await startSandbox({ port: 0 })
  ledger = await openLedger(join(dir, 'history.db'))
  service = new LaunchService({
    ledger,
    logger: silentLogger,
    timeouts: { inactivityTimeoutMs: 800, deadlineMs: 2_000 }
  })
})

afterAll(async () => {
  await ledger.close()
  await sandbox.close()
  await elsewhere.close()
  rmSync(dir, { recursive: true, force: true })
})

function connection(): LaunchConnection {
  return {
    profileId: 'faults',
    profileName: 'Faults',
    profileColor: 'red',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    token: sandbox.demoToken
  }
}

const targets: Record<string, StartTarget> = {
  build: {
    mode: 'build',
    appId: SANDBOX_IDS.appId,
    buildId: SANDBOX_IDS.committedBuildId,
    processName: '[DOCS]customer_onboarding'
  },
  workspace: {
    mode: 'workspace',
    workspaceId: SANDBOX_IDS.workspaceId,
    appId: SANDBOX_IDS.appId,
    processName: '[DOCS]customer_onboarding'
  }
}

interface Row {
  fault: string
  faults: () => FaultConfig
  status: LaunchStatus
  code: ErrorCode
  message: RegExp
  hint?: RegExp
}

const matrix: Row[] = [
  {
    fault: 'hang',
    faults: () => ({ hang: true }),
    status: 'unknown',
    code: 'TIMEOUT',
    message: /./
  },
  {
    fault: 'trickle',
    faults: () => ({ slowBodyBytesPerSec: 40 }),
    status: 'unknown',
    code: 'TIMEOUT',
    message: /./
  },
  {
    fault: 'reset',
    faults: () => ({ reset: true }),
    status: 'unknown',
    code: 'NETWORK',
    message: /./
  },
  {
    fault: 'truncated body',
    faults: () => ({ truncate: true }),
    status: 'unknown',
    code: 'UNREADABLE_RESPONSE',
    message: /./
  },
  {
    fault: 'garbage 200',
    faults: () => ({ garbage200: 'text' }),
    status: 'unknown',
    code: 'UNREADABLE_RESPONSE',
    message: /./
  },
  {
    fault: '502 HTML',
    faults: () => ({ failStatus: 502, failBody: 'html' }),
    status: 'failed',
    code: 'SERVER',
    message: /502 Bad Gateway/
  },
  {
    // The ingress refuses a body over its limit before FlowX sees it (flowx-api.md §a).
    fault: '413 from the ingress',
    faults: () => ({ failStatus: 413 }),
    status: 'failed',
    code: 'PAYLOAD_TOO_LARGE',
    message: /^413 Request Entity Too Large$/,
    hint: /in front of FlowX may allow less than FlowX's 1 MB/
  },
  {
    fault: '500 problem',
    faults: () => ({ failStatus: 500, failBody: 'problem' }),
    status: 'failed',
    code: 'SERVER',
    message: /./
  },
  {
    fault: '302 elsewhere',
    faults: () => ({ redirectTo: { status: 302, location: `${elsewhere.baseUrl}/steal` } }),
    status: 'failed',
    code: 'REDIRECT',
    message: /redirected to .*127\.0\.0\.1.*not followed/
  },
  {
    fault: '307 elsewhere',
    faults: () => ({ redirectTo: { status: 307, location: `${elsewhere.baseUrl}/steal` } }),
    status: 'failed',
    code: 'REDIRECT',
    message: /not followed/
  }
]

describe.each(Object.keys(targets))('start %s against a misbehaving server', (mode) => {
  it.each(matrix)('$fault → $code, $status', async ({ faults, status, code, message, hint }) => {
    sandbox.setFaults(faults())
    const record = await service.start(connection(), {
      requestId: `${mode}-${code}`,
      target: targets[mode],
      payload: '{"n":1}',
      // Every row replays the same launch on purpose: the duplicate warning is not under test here.
      allowDuplicate: true
    })
    sandbox.setFaults(undefined)

    expect(record.status).toBe(status)
    expect(record.error?.code).toBe(code)
    expect(record.error?.message).toMatch(message)
    if (hint) expect(record.error?.hint).toMatch(hint)
    expect(record.error?.message).not.toContain(sandbox.demoToken)
    expect(await ledger.get(record.id)).toMatchObject({ status, error: { code } })
    expect(elsewhere.requests).toHaveLength(0)
  })
})

describe('payload size', () => {
  it('refuses a payload above 1 MB before sending, and records nothing', async () => {
    const before = sandbox.requests.length
    const big = JSON.stringify({ blob: 'x'.repeat(1024 * 1024) })
    await expect(
      service.start(connection(), { requestId: 'big', target: targets.build, payload: big })
    ).rejects.toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(sandbox.requests.length).toBe(before)
  })
})
