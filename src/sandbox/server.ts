/** Starts the sandbox: one node:http server on 127.0.0.1 that routes to the runtime, IdP or control. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

import { DEFAULT_FIXTURE } from './fixture'
import { readBody, sendJson, sendNginx, type Ctx } from './http'
import { classify, rawSegmentsOf, splitTarget } from './path'
import { recordOf } from './record'
import { handleControl } from './routes-control'
import { handleIdp } from './routes-idp'
import { handleRuntime } from './routes-runtime'
import { SandboxState } from './state'
import type { Sandbox, SandboxOptions } from './types'

/** How long the demo token lives: a working day of sandbox clock. */
const DEMO_TOKEN_SEC = 12 * 60 * 60

async function handle(
  state: SandboxState,
  counter: InFlight,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const { rawPath, query } = splitTarget(req.url ?? '/')
  const rawSegments = rawSegmentsOf(rawPath)
  const area = classify(rawSegments, state.options)
  const read = await readBody(req)
  if (!read) return
  const ctx: Ctx = {
    req,
    res,
    state,
    method: req.method ?? 'GET',
    rawPath,
    rawSegments,
    body: read.body,
    tooLarge: read.tooLarge,
    runtime: area.kind === 'runtime'
  }
  if (area.kind !== 'control')
    state.record(recordOf(state, req, { rawPath, query, rawSegments }, read))
  if (area.kind === 'runtime') countInFlight(counter, res)
  try {
    if (area.kind === 'runtime') await handleRuntime(ctx, area.offset)
    else if (area.kind === 'idp') handleIdp(ctx, area.offset)
    else if (area.kind === 'control') handleControl(ctx)
    else sendNginx(ctx, 404)
  } catch (error) {
    // A sandbox bug must surface as a 500, never as a request left hanging.
    if (!res.headersSent) sendJson(ctx, 500, { error: 'sandbox', message: String(error) })
    else res.destroy()
  }
}

/** Runtime requests being answered now, and the most at once: batch tests assert the cap on it. */
interface InFlight {
  now: number
  max: number
}

function countInFlight(counter: InFlight, res: ServerResponse): void {
  counter.now++
  counter.max = Math.max(counter.max, counter.now)
  res.once('close', () => counter.now--)
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    // Loopback only: the sandbox accepts any well-formed token it signed, so it must not be reachable.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/** Start a sandbox server; rejects if the port is taken. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = new SandboxState(structuredClone(options.fixture ?? DEFAULT_FIXTURE), {
    mountRoot: options.mountRoot ?? true,
    requirePlatformHeader: options.requirePlatformHeader ?? false,
    strictRawBrackets: options.strictRawBrackets ?? false,
    legacyErrors: options.legacyErrors ?? false,
    control: options.control ?? false,
    redact: options.redact ?? false,
    apiGeneration: options.apiGeneration ?? 5,
    ...(options.trustedIssuers ? { trustedIssuers: [...options.trustedIssuers] } : {})
  })
  state.setFaults(options.faults)
  const counter: InFlight = { now: 0, max: 0 }

  const sockets = new Set<Socket>()
  const server = createServer((req, res) => void handle(state, counter, req, res))
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await listen(server, options.port ?? 0)
  const { port } = server.address() as AddressInfo
  state.url = `http://127.0.0.1:${port}`

  let markClosed = (): void => undefined
  const closed = new Promise<void>((resolve) => (markClosed = resolve))
  let closing: Promise<void> | undefined
  let lifetime: NodeJS.Timeout | undefined
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime)
      state.shutdown()
      server.close(() => {
        markClosed()
        resolve()
      })
      // Hung and keep-alive connections would hold close() open forever: end them now.
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections()
    })
    return closing
  }
  if (options.maxLifetimeMs !== undefined)
    lifetime = setTimeout(() => void close(), options.maxLifetimeMs)

  return {
    url: state.url,
    baseUrl: `${state.url}/rtm`,
    issuer: state.issuerOf(state.defaultRealm),
    demoToken: state.issueToken({
      sub: 'demo',
      roles: ['FLOWX_ROLE'],
      expiresInSec: DEMO_TOKEN_SEC
    }),
    requests: state.requests,
    setFaults: (faults) => state.setFaults(faults),
    setClockOffset: (sec) => {
      state.clockOffsetMs = sec * 1000
    },
    setRuntime: (runtime) => state.setRuntime(runtime),
    issueToken: (opts) => state.issueToken(opts),
    waitForRequests: (count) => state.waitForRequests(count),
    inFlight: () => ({ now: counter.now, max: counter.max }),
    closed,
    close
  }
}
