/**
 * What the engine and batch benches share: the process they start, a bounded pool of jobs, and
 * the bare loop they are measured against (the same POSTs on keep-alive sockets, nothing else).
 */
import http from 'node:http'
import { performance } from 'node:perf_hooks'

import { SANDBOX_IDS } from '../../src/sandbox'
import { buildStartPath } from '../../src/shared/url'

/** The process every bench launch starts on the sandbox's committed build. */
export const BENCH_TARGET = {
  mode: 'build' as const,
  appId: SANDBOX_IDS.appId,
  buildId: SANDBOX_IDS.committedBuildId,
  processName: '[DOCS]customer_onboarding'
}

/** Where the bench sends: the sandbox's address and its demo token. */
export interface BenchSandbox {
  baseUrl: string
  demoToken: string
}

/** Run `count` jobs with at most `concurrency` at once; resolves when all are done. */
export async function pool(
  count: number,
  concurrency: number,
  job: (n: number) => Promise<void>
): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await job(next++)
    })
  )
}

/**
 * The bare loop: `count` POSTs of `bodyOf(n)`, `concurrency` at a time on keep-alive sockets.
 * Resolves with its wall time in ms.
 */
export async function bareLoop(
  sandbox: BenchSandbox,
  count: number,
  concurrency: number,
  bodyOf: (n: number) => string
): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const url = new URL(sandbox.baseUrl)
  const path = `${url.pathname}${buildStartPath(BENCH_TARGET)}`
  const t0 = performance.now()
  await pool(count, concurrency, (n) => {
    const body = bodyOf(n)
    return new Promise<void>((done, fail) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            Authorization: `Bearer ${sandbox.demoToken}`,
            'Flowx-Platform': 'web'
          }
        },
        (res) => {
          res.resume()
          res.on('end', () =>
            res.statusCode === 200 ? done() : fail(new Error(`HTTP ${res.statusCode}`))
          )
        }
      )
      req.on('error', fail)
      req.end(body)
    })
  })
  const ms = performance.now() - t0
  agent.destroy()
  return ms
}

/** The middle value (the upper one of an even count); 0 for none. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}
