/**
 * The sandbox in its own process for the engine bench, as FlowX is on another machine: prints
 * `{ baseUrl, demoToken }` as one JSON line and serves until its stdin closes.
 */
import { startSandbox } from '../../src/sandbox'

void startSandbox({ port: 0 }).then((sandbox) => {
  process.stdout.write(
    `${JSON.stringify({ baseUrl: sandbox.baseUrl, demoToken: sandbox.demoToken })}\n`
  )
  process.stdin.resume()
  process.stdin.on('end', () => void sandbox.close().then(() => process.exit(0)))
})
