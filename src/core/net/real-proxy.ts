/**
 * Test support: Debian's tinyproxy and squid as real forward proxies, each on 127.0.0.1 with a
 * config of its own in a temp folder, stopped by the test. `.ci/run` installs both; where a
 * binary is missing the start function returns the reason to skip with.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const TINYPROXY = '/usr/bin/tinyproxy'
export const SQUID = '/usr/sbin/squid'
const NCSA_AUTH = '/usr/lib/squid/basic_ncsa_auth'

export interface RealProxy {
  name: 'tinyproxy' | 'squid'
  port: number
  /** What the proxy logged so far (requests it handled, one per line). */
  log(): string
  stop(): Promise<void>
}

export interface ProxyLogin {
  username: string
  password: string
}

/** A free port on 127.0.0.1 (the proxies cannot be told to pick one themselves). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Resolves once `port` accepts a connection, or rejects when the process ends first. */
function ready(
  port: number,
  proc: ChildProcess,
  name: string,
  output: () => string
): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false
    const exited = (code: number | null): void => {
      if (done) return
      done = true
      reject(new Error(`${name} exited (${code}) before listening: ${output().slice(-500)}`))
    }
    proc.once('exit', exited)
    const attempt = (): void => {
      if (done) return
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        done = true
        proc.off('exit', exited)
        resolve()
      })
      // Not listening yet: try again once the refusal is in (no fixed sleep).
      socket.once('error', () => setImmediate(attempt))
    }
    attempt()
  })
}

function stopper(proc: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((done) => proc.once('exit', done))
      proc.kill('SIGKILL')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

/** tinyproxy on a free port; with `login`, Basic authentication is required. */
export async function startTinyproxy(login?: ProxyLogin): Promise<RealProxy | string> {
  if (!existsSync(TINYPROXY))
    return `tinyproxy is not installed (${TINYPROXY}); .ci/run installs it`
  const dir = mkdtempSync(join(tmpdir(), 'flowx-tinyproxy-'))
  const port = await freePort()
  const logFile = join(dir, 'tinyproxy.log')
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    'MaxClients 50',
    'LogLevel Connect',
    `LogFile "${logFile}"`,
    `PidFile "${join(dir, 'tinyproxy.pid')}"`,
    ...(login ? [`BasicAuth ${login.username} ${login.password}`] : [])
  ]
  writeFileSync(join(dir, 'tinyproxy.conf'), `${config.join('\n')}\n`)
  const proc = spawn(TINYPROXY, ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: 'ignore' })
  const log = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '')
  await ready(port, proc, 'tinyproxy', log)
  return { name: 'tinyproxy', port, log, stop: stopper(proc, dir) }
}

/** squid (no cache) on a free port; with `login`, Basic authentication through basic_ncsa_auth. */
export async function startSquid(login?: ProxyLogin): Promise<RealProxy | string> {
  if (!existsSync(SQUID)) return `squid is not installed (${SQUID}); .ci/run installs it`
  if (login && !existsSync(NCSA_AUTH)) return `squid's ${NCSA_AUTH} is missing`
  const dir = mkdtempSync(join(tmpdir(), 'flowx-squid-'))
  // Started as root, squid drops to its own user, which must write its logs and pid here.
  chmodSync(dir, 0o777)
  const port = await freePort()
  const access = join(dir, 'access.log')
  const auth: string[] = []
  if (login) {
    const hash = spawnSync('openssl', ['passwd', '-apr1', login.password], { encoding: 'utf8' })
    if (hash.status !== 0) return 'openssl is needed to write the squid password file'
    writeFileSync(join(dir, 'passwords'), `${login.username}:${hash.stdout.trim()}\n`)
    auth.push(
      `auth_param basic program ${NCSA_AUTH} ${join(dir, 'passwords')}`,
      'auth_param basic realm flowx-test',
      'acl users proxy_auth REQUIRED',
      'http_access deny !users'
    )
  }
  const config = [
    `http_port 127.0.0.1:${port}`,
    `pid_filename ${join(dir, 'squid.pid')}`,
    `cache_log ${join(dir, 'cache.log')}`,
    `access_log stdio:${access}`,
    'cache deny all',
    'cache_mem 8 MB',
    `coredump_dir ${dir}`,
    'shutdown_lifetime 0 seconds',
    'acl CONNECT method CONNECT',
    ...auth,
    'http_access allow all'
  ]
  writeFileSync(join(dir, 'squid.conf'), `${config.join('\n')}\n`)
  const proc = spawn(SQUID, ['-N', '-f', join(dir, 'squid.conf')], { stdio: 'ignore' })
  const log = (): string => (existsSync(access) ? readFileSync(access, 'utf8') : '')
  const cacheLog = (): string =>
    existsSync(join(dir, 'cache.log')) ? readFileSync(join(dir, 'cache.log'), 'utf8') : ''
  await ready(port, proc, 'squid', cacheLog)
  return { name: 'squid', port, log, stop: stopper(proc, dir) }
}
