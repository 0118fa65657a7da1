import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'

import { createRedactingLogger, isSensitiveKey, MASK, Redactor, serializeError } from './redact'

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.c2lnbmF0dXJlLXBhcnQ'

/** Every string in a value, keys included. */
function strings(value: unknown, seen = new WeakSet<object>()): string[] {
  if (typeof value === 'string') return [value]
  if (value === null || typeof value !== 'object' || seen.has(value)) return []
  seen.add(value)
  if (value instanceof Map) {
    return [...value].flatMap(([k, v]) => [...strings(k, seen), ...strings(v, seen)])
  }
  if (value instanceof Set) return [...value].flatMap((v) => strings(v, seen))
  return Object.keys(value).flatMap((k) => [
    k,
    ...strings((value as Record<string, unknown>)[k], seen)
  ])
}

const HOLE = '\u0000hole\u0000'
type Tree = string | number | boolean | null | Tree[] | { [key: string]: Tree }

/** A random JSON-ish tree where some keys and leaves are holes for the secret. */
const treeArb = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(HOLE)),
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constant(HOLE)), tie('tree'), { maxKeys: 4 })
  )
})).tree

function fill(tree: Tree, text: string): Tree {
  if (typeof tree === 'string') return tree.split(HOLE).join(text)
  if (Array.isArray(tree)) return tree.map((t) => fill(t, text))
  if (tree && typeof tree === 'object') {
    const out: Record<string, Tree> = {}
    for (const [k, v] of Object.entries(tree)) {
      Object.defineProperty(out, fill(k, text) as string, {
        value: fill(v, text),
        enumerable: true
      })
    }
    return out
  }
  return tree
}

describe('Redactor.redactText', () => {
  it('masks registered secrets, bearer credentials, JWTs and secret-named pairs', () => {
    const r = new Redactor()
    r.add('s3cr3t-value-42')
    const text = r.redactText(
      `boom s3cr3t-value-42 Authorization: Bearer abc.def-123 token ${JWT} ?client_secret=xyz&a=1 {"access_token":"q"}`
    )
    expect(text).not.toMatch(/s3cr3t-value-42|abc\.def-123|eyJhbGci|xyz|"q"/)
    expect(text).toContain(`Bearer ${MASK}`)
    expect(text).toContain(`client_secret=${MASK}&a=1`)
  })

  it('masks the URL-encoded form of a secret', () => {
    const r = new Redactor()
    r.add('p@ss w/rd!')
    expect(r.redactText('body=p%40ss%20w%2Frd!')).toBe(`body=${MASK}`)
  })

  it('ignores values shorter than six characters', () => {
    const r = new Redactor()
    r.add('abc')
    expect(r.redactText('abc abc')).toBe('abc abc')
  })

  it('keeps masking a value until every holder deleted it', () => {
    const r = new Redactor()
    r.add('shared-secret')
    r.add('shared-secret')
    r.delete('shared-secret')
    expect(r.redactText('x shared-secret')).toBe(`x ${MASK}`)
    r.delete('shared-secret')
    expect(r.redactText('x shared-secret')).toBe('x shared-secret')
  })

  it('leaves ordinary words alone', () => {
    const r = new Redactor()
    expect(r.redactText('3 tokens in state ACTIVE for docs.flowx.ai')).toBe(
      '3 tokens in state ACTIVE for docs.flowx.ai'
    )
  })

  it('does not rebuild a secret out of the mask and its surroundings', () => {
    const r = new Redactor()
    r.add(`ab${MASK}cd`)
    r.add('inner-secret')
    expect(r.redactText('abinner-secretcd')).not.toContain(`ab${MASK}cd`)
  })
})

describe('Redactor.redact', () => {
  it('masks by key at any depth, case-insensitively, without mutating the input', () => {
    const r = new Redactor()
    const input = {
      headers: { Authorization: 'Bearer x', 'X-Api-Key': 'k', Cookie: 'c=1', accept: 'json' },
      list: [
        { clientSecret: 'cs', password: 'pw', nested: { REFRESH_TOKEN: 'rt', id_token: 'it' } }
      ],
      hasToken: true,
      tokens: [{ id: 't1', state: 'ACTIVE' }]
    }
    const copy = structuredClone(input)
    const out = r.redact(input)
    expect(input).toStrictEqual(copy)
    expect(out.headers).toStrictEqual({
      Authorization: MASK,
      'X-Api-Key': MASK,
      Cookie: MASK,
      accept: 'json'
    })
    expect(out.list[0]).toStrictEqual({
      clientSecret: MASK,
      password: MASK,
      nested: { REFRESH_TOKEN: MASK, id_token: MASK }
    })
    expect(out.hasToken).toBe(true)
    expect(out.tokens).toStrictEqual([{ id: 't1', state: 'ACTIVE' }])
  })

  it('survives cycles, errors with causes, maps, sets and binary data', () => {
    const r = new Redactor()
    r.add('canary-123456')
    const loop: Record<string, unknown> = { note: 'canary-123456' }
    loop.self = loop
    const error = Object.assign(new Error('failed with canary-123456'), {
      code: 'E_X',
      config: { headers: { Authorization: 'Bearer canary-123456' } },
      cause: new Error('inner canary-123456')
    })
    const out = r.redact({
      loop,
      error,
      map: new Map([['canary-123456', 'v']]),
      set: new Set(['canary-123456']),
      bytes: Buffer.from('canary-123456')
    })
    expect(strings(out).join('\n')).not.toContain('canary-123456')
    expect((out.loop as Record<string, unknown>).self).toBe('[Circular]')
    expect(out.error).toMatchObject({ name: 'Error', code: 'E_X', message: `failed with ${MASK}` })
    expect(out.error).not.toHaveProperty('config')
    expect(out.bytes).toBe('[binary 13 bytes]')
  })

  it('keeps a __proto__ key a plain key', () => {
    const r = new Redactor()
    const out = r.redact(JSON.parse('{"__proto__":{"polluted":1}}') as Record<string, unknown>)
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.keys(out)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('never lets a registered secret survive, in text or in any structure (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 6, maxLength: 24, unit: 'binary' }),
        fc.array(fc.string({ minLength: 6, maxLength: 12 }), { maxLength: 3 }),
        fc.string(),
        fc.string(),
        treeArb,
        (secret, others, before, after, tree) => {
          const r = new Redactor()
          for (const other of others) r.add(other)
          r.add(secret)
          const text = `${before}${secret}${after}`
          expect(r.redactText(text)).not.toContain(secret)
          const filled = fill(tree, text)
          const all = strings(r.redact({ filled, again: [filled] }))
          for (const s of all) expect(s).not.toContain(secret)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('never throws on anything', () => {
    const r = new Redactor()
    r.add('some-secret')
    fc.assert(
      fc.property(fc.anything({ withMap: true, withSet: true, withNullPrototype: true }), (v) => {
        r.redact(v)
      })
    )
  })
})

describe('isSensitiveKey', () => {
  it.each([
    ['authorization', true],
    ['Proxy-Authorization', true],
    ['client_secret', true],
    ['apiKey', true],
    ['x-api-key', true],
    ['bearerToken', true],
    ['tokens', false],
    ['tokenUuid', false],
    ['processName', false]
  ])('%s → %s', (key, expected) => {
    expect(isSensitiveKey(key)).toBe(expected)
  })
})

describe('createRedactingLogger', () => {
  it('redacts message and meta before the sink sees them', () => {
    const r = new Redactor()
    r.add('TOKEN-abcdef')
    const sink = vi.fn()
    const log = createRedactingLogger(sink, r)
    log.error('call failed: TOKEN-abcdef', {
      headers: { authorization: 'x' },
      note: 'TOKEN-abcdef'
    })
    expect(sink).toHaveBeenCalledWith('error', `call failed: ${MASK}`, {
      headers: { authorization: MASK },
      note: MASK
    })
  })

  it('never throws when the sink does', () => {
    const log = createRedactingLogger(() => {
      throw new Error('disk full')
    }, new Redactor())
    expect(() => log.warn('x')).not.toThrow()
  })
})

describe('serializeError', () => {
  it('keeps name, message, code and stack only', () => {
    const e = Object.assign(new Error('m'), { code: 'ECONNREFUSED', config: { headers: {} } })
    expect(Object.keys(serializeError(e))).toEqual(['name', 'message', 'code', 'stack'])
    expect(serializeError('plain')).toEqual({ name: 'NonError', message: 'plain' })
  })
})
