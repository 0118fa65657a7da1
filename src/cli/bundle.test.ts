import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { compileFunction } from 'node:vm'

import { describe, expect, it } from 'vitest'

import {
  AXIOS_REPLACEMENTS,
  builtinSource,
  LAZY_BUILTINS,
  lazyAdapterImports,
  lazyLibrarySource,
  nativeProxyCheckByVersion,
  leanLibraries,
  rewriteBuiltinImports
} from './bundle'

const AXIOS_LIB = resolve(__dirname, '../../node_modules/axios/lib')
const FETCH_ADAPTER = join(AXIOS_LIB, 'adapters/fetch.js')
const NODE_FORM_DATA = join(AXIOS_LIB, 'platform/node/classes/FormData.js')

type Load = (id: string) => string | null
type Transform = (
  this: { error(message: string): never },
  code: string,
  id: string
) => { code: string } | null

describe('the libraries bundled lean', () => {
  const load = leanLibraries().load as unknown as Load

  it('finds the files it replaces in the installed axios, with the exports axios imports', () => {
    // An axios update that moves or reshapes them must fail here, not slow the CLI unnoticed.
    expect(existsSync(FETCH_ADAPTER)).toBe(true)
    expect(readFileSync(FETCH_ADAPTER, 'utf8')).toMatch(/export const getFetch\b/)
    expect(readFileSync(join(AXIOS_LIB, 'adapters/adapters.js'), 'utf8')).toContain(
      'get: fetchAdapter.getFetch'
    )
    expect(readFileSync(NODE_FORM_DATA, 'utf8')).toContain("import FormData from 'form-data'")
    for (const file of [FETCH_ADAPTER, NODE_FORM_DATA]) {
      expect(AXIOS_REPLACEMENTS.filter((r) => r.file.test(file))).toHaveLength(1)
    }
  })

  it('replaces the fetch adapter with one that reports fetch as unavailable', async () => {
    const source = load(FETCH_ADAPTER)
    expect(source).not.toBeNull()
    const adapter = (await import(
      `data:text/javascript,${encodeURIComponent(source as string)}`
    )) as { getFetch: () => unknown; default: unknown }
    expect(adapter.getFetch()).toBe(false)
    expect(adapter.default).toBe(false)
  })

  it('replaces form-data with a FormData that refuses to be built, saying why', async () => {
    const source = load(NODE_FORM_DATA)
    const { default: FormData } = (await import(
      `data:text/javascript,${encodeURIComponent(source as string)}`
    )) as { default: new () => unknown }
    expect(() => new FormData()).toThrow(/Multipart \(FormData\) bodies are not supported/)
  })

  it('leaves every other file alone, axios or not', () => {
    expect(load(join(AXIOS_LIB, 'adapters/http.js'))).toBeNull()
    expect(load(join(AXIOS_LIB, 'platform/browser/classes/FormData.js'))).toBeNull()
    expect(load(resolve(__dirname, 'index.ts'))).toBeNull()
  })

  it("hands axios and commander Node's built-ins as they are, http2, https and child_process on first use", () => {
    const transform = leanLibraries().transform as unknown as Transform
    const context = {
      error(message: string): never {
        throw new Error(message)
      }
    }
    const http = join(AXIOS_LIB, 'adapters/http.js')
    const changed = transform.call(context, readFileSync(http, 'utf8'), http)?.code ?? ''
    expect(changed).toContain("import util from 'flowx:builtin:util';")
    expect(changed).toContain("import http2 from 'flowx:builtin:http2';")
    expect(changed).toContain("import https from 'flowx:builtin:https';")
    expect(changed).toContain("import zlib from 'flowx:builtin:zlib';")
    expect(changed).not.toMatch(/^import \w+ from '(node:)?(util|http2|zlib|stream)';$/m)
    const command = resolve(__dirname, '../../node_modules/commander/lib/command.js')
    const commander = transform.call(context, readFileSync(command, 'utf8'), command)?.code
    expect(commander).toContain("import fs from 'flowx:builtin:fs';")
    expect(commander).toContain("import childProcess from 'flowx:builtin:child_process';")
    // Not a built-in, not a default import, or not axios or commander: left as written.
    expect(rewriteBuiltinImports("import x from 'follow-redirects';")).toBeUndefined()
    expect(rewriteBuiltinImports("import { inspect } from 'util';")).toBeUndefined()
    expect(
      transform.call(context, "import util from 'util';", resolve(__dirname, 'x.ts'))
    ).toBeNull()
    expect(builtinSource('util')).toBe("export default process.getBuiltinModule('node:util');\n")

    const dir = mkdtempSync(join(tmpdir(), 'flowx-lazy-builtins-'))
    try {
      // Each lazy built-in loads only once used, and then works: http2's constants, https's agent
      // class and global agent, a child process that runs.
      expect(Object.keys(LAZY_BUILTINS).sort()).toEqual(['child_process', 'http2', 'https'])
      const url = (name: string): string => {
        const file = join(dir, `${name}.mjs`)
        writeFileSync(file, builtinSource(name))
        return JSON.stringify(pathToFileURL(file).href)
      }
      const loaded = (name: string): string =>
        `process.moduleLoadList.includes('NativeModule ${name}')`
      const run = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { default: http2 } = await import(${url('http2')})
const { default: childProcess } = await import(${url('child_process')})
const { default: https } = await import(${url('https')})
const before = [${loaded('http2')}, ${loaded('child_process')}, ${loaded('https')}, ${loaded('tls')}]
const method = http2.constants.HTTP2_HEADER_METHOD
const agent = https.globalAgent instanceof https.Agent && typeof https.request === 'function'
const code = await new Promise((done) => childProcess.spawn(process.execPath, ['-e', '0']).on('exit', done))
console.log(JSON.stringify({ before, method, agent, code, after: [${loaded('http2')}, ${loaded('child_process')}, ${loaded('https')}] }))`
        ],
        { encoding: 'utf8' }
      )
      expect(run.stderr).toBe('')
      expect(JSON.parse(run.stdout)).toEqual({
        before: [false, false, false, false],
        method: ':method',
        agent: true,
        code: 0,
        after: [true, true, true]
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("makes axios's http adapter take follow-redirects and https-proxy-agent on first use", () => {
    const http = join(AXIOS_LIB, 'adapters/http.js')
    const lazy = lazyAdapterImports(readFileSync(http, 'utf8'))
    // An axios update that reshapes these lines must fail here, not load them eagerly unnoticed.
    expect(lazy).toBeDefined()
    expect(lazy).toContain("import followRedirects from 'flowx:lazy:follow-redirects';")
    expect(lazy).toContain("import HttpsProxyAgent from 'flowx:lazy:https-proxy-agent';")
    expect(lazy).not.toMatch(/from '(follow-redirects|https-proxy-agent)'/)
    expect(lazy).not.toMatch(/\bhttps?Follow\b/)
    // A file without every line it edits is left as it is.
    expect(lazyAdapterImports("import followRedirects from 'follow-redirects';")).toBeUndefined()
  })

  it('loads a lazy library once, on first use, and it works as the library itself', () => {
    /** Evaluate a lazy module's source with `require` counted; its default export. */
    const evaluate = (
      library: string,
      exports: unknown
    ): { value: unknown; loads: () => number } => {
      let loads = 0
      const require = (path: string): unknown => {
        expect(path).toBe(`/libs/${library}/index.js`)
        loads++
        return exports
      }
      const source = lazyLibrarySource(library, `/libs/${library}/index.js`)
      const body = source.replace('export default', 'return')
      const value = compileFunction(body, ['require'])(require) as unknown
      return { value, loads: () => loads }
    }

    class RealAgent {
      constructor(readonly options: object) {}
    }
    const agent = evaluate('https-proxy-agent', RealAgent)
    const Agent = agent.value as new (options: object) => RealAgent
    expect({} instanceof Agent).toBe(false)
    expect(agent.loads()).toBe(0)
    const made = new Agent({ host: 'proxy' })
    expect(made).toBeInstanceOf(RealAgent)
    expect(made.options).toEqual({ host: 'proxy' })
    expect(made instanceof Agent).toBe(true)
    expect({} instanceof Agent).toBe(false)
    new Agent({})
    expect(agent.loads()).toBe(1)

    const transports = { http: { name: 'http' }, https: { name: 'https' } }
    const follow = evaluate('follow-redirects', transports)
    const lazy = follow.value as typeof transports
    expect(follow.loads()).toBe(0)
    expect(lazy.https).toBe(transports.https)
    expect(lazy.http).toBe(transports.http)
    expect(follow.loads()).toBe(1)
  })

  it("asks the Node version, not Node's option list, whether Node has native proxy support", async () => {
    const http = join(AXIOS_LIB, 'adapters/http.js')
    const edited = nativeProxyCheckByVersion(readFileSync(http, 'utf8'))
    expect(edited).toBeDefined()
    expect(edited).not.toContain('allowedNodeEnvironmentFlags')
    expect(nativeProxyCheckByVersion('function getDirectAgent() {}')).toBeUndefined()
    // The version table says what the option list says, on this Node and on the ones around it.
    const { __isNodeNativeEnvProxySupported: byVersion } = (await import(
      pathToFileURL(http).href
    )) as { __isNodeNativeEnvProxySupported: (version?: string) => boolean }
    expect(byVersion()).toBe(process.allowedNodeEnvironmentFlags.has('--use-env-proxy'))
    expect(byVersion('20.0.0')).toBe(false)
    expect(byVersion('26.0.0')).toBe(true)
  })
})
