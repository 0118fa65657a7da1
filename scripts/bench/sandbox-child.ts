/** Starting the sandbox in a child process for a bench (FlowX is never on the launcher's thread). */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

import type { FaultConfig } from '../../src/sandbox/types'

/** What the benches need of the sandbox running in its own process. */
export interface SandboxProcess {
  baseUrl: string
  demoToken: string
  /** The child's process id (to read its CPU time). */
  pid: number
  close(): Promise<void>
}

export async function startSandboxProcess(faults?: FaultConfig): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(__dirname, 'sandbox-process.ts'),
      ...(faults ? [JSON.stringify(faults)] : [])
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] }
  )
  const line = await new Promise<string>((done, fail) => {
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) done(text.split('\n')[0])
    })
    child.once('exit', (code) => fail(new Error(`the sandbox exited (${code})`)))
  })
  const { baseUrl, demoToken } = JSON.parse(line) as { baseUrl: string; demoToken: string }
  return {
    baseUrl,
    demoToken,
    pid: child.pid ?? 0,
    close: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done())
        child.stdin.end()
      })
  }
}
