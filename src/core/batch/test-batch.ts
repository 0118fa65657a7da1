/** A sandbox, a ledger and a launch service in a temp directory, for batch tests over real HTTP. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { SANDBOX_IDS, startSandbox, type Sandbox } from '../../sandbox'
import type { FaultConfig } from '../../sandbox/types'
import { openLedger, type Ledger } from '../history'
import type { LaunchConnection, LaunchService } from '../launches/launch-service'
import { SandboxHost } from '../launches/sandbox-host'
import { sandboxConnection } from '../launches/test-connection'
import { testLaunchService } from '../launches/test-launches'
import { openTestProfiles } from '../profiles/test-profiles'
import type { BatchClock } from './clock'
import type { BatchTemplate } from './template-rows'

export interface BatchBed {
  dir: string
  sandbox: Sandbox
  ledger: Ledger
  launches: LaunchService
  connection: LaunchConnection
  /** Write a rows file into the temp directory. */
  file(name: string, text: string): string
  close(): Promise<void>
}

export async function openBatchBed(faults?: FaultConfig): Promise<BatchBed> {
  const dir = mkdtempSync(join(tmpdir(), 'flowx-batch-'))
  const sandbox = await startSandbox({ port: 0, ...(faults ? { faults } : {}) })
  const ledger = await openLedger(join(dir, 'history.db'))
  const opened = await openTestProfiles(dir)
  const launches = testLaunchService({
    ledger,
    profiles: opened.profiles,
    vault: opened.vault,
    sandbox: new SandboxHost(async () => sandbox, 0),
    timeouts: { inactivityTimeoutMs: 60_000, deadlineMs: 120_000 }
  })
  return {
    dir,
    sandbox,
    ledger,
    launches,
    connection: sandboxConnection(sandbox),
    file(name, text) {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    },
    async close() {
      launches.cancelAll()
      await sandbox.close()
      await ledger.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** A launch of the sandbox's onboarding process with the row's customer id in the payload. */
export const ONBOARDING: BatchTemplate = {
  template: {
    mode: 'build',
    workspaceId: '',
    appId: SANDBOX_IDS.appId,
    buildId: SANDBOX_IDS.committedBuildId,
    processName: '[DOCS]customer_onboarding',
    payload: '{"customerId":"{{customerId}}","amount":{{amount}},"ref":"{{$uuid}}"}'
  }
}

/** CSV text with `count` rows of customerId,amount. */
export function customersCsv(count: number): string {
  const lines = ['customerId,amount']
  for (let i = 1; i <= count; i++) lines.push(`C-${i},${i * 10}`)
  return `${lines.join('\n')}\n`
}

/** A clock that never waits: sleeping moves its time forward at once. */
export function virtualClock(): BatchClock & { slept: number[] } {
  let now = 0
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
    }
  }
}
