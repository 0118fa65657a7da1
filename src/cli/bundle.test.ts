import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import { axiosForTextBodies, AXIOS_REPLACEMENTS } from './bundle'

const AXIOS_LIB = resolve(__dirname, '../../node_modules/axios/lib')
const FETCH_ADAPTER = join(AXIOS_LIB, 'adapters/fetch.js')
const NODE_FORM_DATA = join(AXIOS_LIB, 'platform/node/classes/FormData.js')

type Load = (id: string) => string | null

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
})
