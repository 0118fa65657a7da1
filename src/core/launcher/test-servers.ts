/** Small purpose-made servers on 127.0.0.1 for the launcher's tests (STYLE.md A12). */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach } from 'vitest'

/** A request as the server saw it; `url` is the raw request target, undecoded. */
export interface Received {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

/** Answers one request once its body has been read. */
export type Respond = (
  received: Received,
  res: http.ServerResponse,
  req: http.IncomingMessage
) => void

/** A running test server. */
export interface TestServer {
  url: string
  port: number
  received: Received[]
  close(): Promise<void>
}

function closeServer(server: http.Server | net.Server): Promise<void> {
  if (server instanceof http.Server) server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

function listen(server: http.Server | net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))
  })
}

/** An HTTP (or, given a key pair, HTTPS) server that records every request and lets `respond` answer. */
export async function startServer(
  respond: Respond,
  tls?: { key: string; cert: string }
): Promise<TestServer> {
  const received: Received[] = []
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const entry: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      }
      received.push(entry)
      respond(entry, res, req)
    })
  }
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler)
  const port = await listen(server)
  const scheme = tls ? 'https' : 'http'
  return { url: `${scheme}://127.0.0.1:${port}`, port, received, close: () => closeServer(server) }
}

/** A TCP server that accepts connections and never says anything (e.g. a stalled TLS handshake). */
export async function startSilentServer(
  onConnection: (socket: net.Socket) => void = () => undefined
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    onConnection(socket)
  })
  const port = await listen(server)
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return closeServer(server)
    }
  }
}

/** A port on 127.0.0.1 that was just free and has nothing listening. */
export async function closedPort(): Promise<number> {
  const server = net.createServer()
  const port = await listen(server)
  await closeServer(server)
  return port
}

/** Send a JSON body. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json'
): void {
  res.writeHead(status, { 'Content-Type': contentType })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

/** A self-signed certificate made with openssl, or undefined (with why) when openssl is missing. */
export function makeCertificate(
  hostNames: string[]
): { key: string; cert: string } | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'flowx-cert-'))
  try {
    const san = hostNames.map((h) => (/^[\d.]+$/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '2',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-subj',
        `/CN=${hostNames[0]}`,
        '-addext',
        `subjectAltName=${san}`
      ],
      { stdio: 'ignore' }
    )
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8')
    }
  } catch (error) {
    return { skip: `openssl could not make a test certificate: ${(error as Error).message}` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Start servers from a test file; each is closed after the test that started it. */
export function useTestServers(): {
  serve(respond: Respond, tls?: { key: string; cert: string }): Promise<TestServer>
  silent(onConnection?: (socket: net.Socket) => void): Promise<{ port: number }>
} {
  const open: { close(): Promise<void> }[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()))
  })
  const track = <T extends { close(): Promise<void> }>(server: T): T => {
    open.push(server)
    return server
  }
  return {
    serve: async (respond, tls) => track(await startServer(respond, tls)),
    silent: async (onConnection) => track(await startSilentServer(onConnection))
  }
}
