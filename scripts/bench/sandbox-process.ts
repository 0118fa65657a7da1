/**
 * The sandbox in its own process for the benches, as FlowX is on another machine: prints
 * `{ baseUrl, demoToken }` as one JSON line and serves until its stdin closes. An optional first
 * argument is the sandbox's fault settings as JSON, e.g. `{"latencyMs":20}`.
 */
import { startSandbox } from '../../src/sandbox'
import type { FaultConfig } from '../../src/sandbox/types'

const faults = process.argv[2] ? (JSON.parse(process.argv[2]) as FaultConfig) : undefined

void startSandbox({ port: 0, ...(faults ? { faults } : {}) }).then((sandbox) => {
  process.stdout.write(
    `${JSON.stringify({ baseUrl: sandbox.baseUrl, demoToken: sandbox.demoToken })}\n`
  )
  process.stdin.resume()
  process.stdin.on('end', () => void sandbox.close().then(() => process.exit(0)))
})
