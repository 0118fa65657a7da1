import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

import { describe, expect, it } from 'vitest'

import { axiosForTextBodies, AXIOS_REPLACEMENTS, HTTP2_IMPORT, LAZY_HTTP2 } from './bundle'

const AXIOS_LIB = resolve(__dirname, '../../node_modules/axios/lib')
const FETCH_ADAPTER = join(AXIOS_LIB, 'adapters/fetch.js')
const NODE_FORM_DATA = join(AXIOS_LIB, 'platform/node/classes/FormData.js')

type Load = (id: string) => string | null
type Transform = (
  this: { error(message: string): never },
  code: string,
  id: string
) => { code: string } | null

describe('axios bundled for text bodies', () => {
  const load = axiosForTextBodies().load as unknown as Load

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

  it('has axios import http2 through a module that loads node:http2 on first use', () => {
    const plugin = axiosForTextBodies()
    const transform = plugin.transform as unknown as Transform
    const context = {
      error(message: string): never {
        throw new Error(message)
      }
    }
    for (const file of ['adapters/http.js', 'helpers/Http2Sessions.js']) {
      const code = readFileSync(join(AXIOS_LIB, file), 'utf8')
      expect(code).toContain(HTTP2_IMPORT)
      const changed = transform.call(context, code, join(AXIOS_LIB, file))
      expect(changed?.code).not.toContain(HTTP2_IMPORT)
      expect(changed?.code).toContain("import http2 from 'flowx:lazy-http2';")
    }
    // A file that stopped importing it fails the build rather than keep http2 on every start.
    expect(() => transform.call(context, 'export {}', join(AXIOS_LIB, 'adapters/http.js'))).toThrow(
      /no longer has/
    )
    expect(transform.call(context, HTTP2_IMPORT, join(AXIOS_LIB, 'adapters/xhr.js'))).toBeNull()

    const dir = mkdtempSync(join(tmpdir(), 'flowx-lazy-http2-'))
    try {
      const file = join(dir, 'lazy-http2.mjs')
      writeFileSync(file, LAZY_HTTP2)
      const loaded = "process.moduleLoadList.includes('NativeModule http2')"
      const run = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { default: http2 } = await import(${JSON.stringify(pathToFileURL(file).href)})
const before = ${loaded}
const method = http2.constants.HTTP2_HEADER_METHOD
console.log(JSON.stringify({ before, method, after: ${loaded}, connect: typeof http2.connect }))`
        ],
        { encoding: 'utf8' }
      )
      expect(run.stderr).toBe('')
      expect(JSON.parse(run.stdout)).toEqual({
        before: false,
        method: ':method',
        after: true,
        connect: 'function'
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
