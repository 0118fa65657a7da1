/**
 * `--data` input the CLI refuses before sending: bytes that are not UTF-8 (named by offset, never
 * replaced with U+FFFD), and files that are not JSON (never echoed, e.g. `@/etc/shadow`).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { firstInvalidUtf8, payloadProblem, readPayload } from './read-payload'
import { CliHarness } from './test-support'

let h: CliHarness
beforeEach(() => {
  h = new CliHarness({ FLOWX_TOKEN: 'a-token-for-the-test' })
})
afterEach(() => h.cleanup())

describe('firstInvalidUtf8', () => {
  it.each([
    ['plain ASCII', [0x7b, 0x7d], -1],
    ['é, €, 😀', [...Buffer.from('é€😀')], -1],
    ['a lone continuation byte', [0x41, 0x80], 1],
    ['a truncated two-byte sequence', [0x41, 0x42, 0xc3, 0x28], 2],
    ['a sequence cut by the end', [0x41, 0xe2, 0x82], 1],
    ['an overlong "/" (C0 AF)', [0xc0, 0xaf], 0],
    ['an overlong three-byte form (E0 80 AF)', [0xe0, 0x80, 0xaf], 0],
    ['a UTF-16 surrogate (ED A0 80)', [0x20, 0xed, 0xa0, 0x80], 1],
    ['past U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80], 0],
    ['Latin-1 é in JSON', [...Buffer.from('{"name":"'), 0xe9, ...Buffer.from('"}')], 9]
  ])('%s → %i', (_label, bytes, offset) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset)
    // Node's own check agrees on valid or not.
    expect(Buffer.from(bytes).toString('utf8').includes('\ufffd')).toBe(offset !== -1)
  })
})

describe('readPayload', () => {
  it('refuses a Latin-1 file naming the byte offset, and standard input the same way', async () => {
    const file = join(h.dir, 'latin1.json')
    writeFileSync(
      file,
      Buffer.concat([Buffer.from('{"city":"Bra'), Buffer.from([0xe7]), Buffer.from('ov"}')])
    )
    const fromFile = await readPayload('@latin1.json', { stdin: Readable.from([]), cwd: h.dir })
    expect(fromFile).toEqual({
      ok: false,
      message:
        'The payload file latin1.json is not valid UTF-8: the first bad byte is at offset 12. Nothing was sent; save it as UTF-8 and try again.'
    })
    const stdin = Readable.from([Buffer.from([0x7b, 0x22, 0xff, 0x22])])
    const fromStdin = await readPayload('-', { stdin, cwd: h.dir })
    expect(fromStdin.ok ? '' : fromStdin.message).toMatch(
      /^Standard input is not valid UTF-8: .* offset 2\./
    )
  })

  it('says a UTF-16 file looks like UTF-16, and still reads UTF-8 with a byte-order mark', async () => {
    writeFileSync(join(h.dir, 'u16.json'), Buffer.from('\ufeff{}', 'utf16le'))
    const u16 = await readPayload('@u16.json', { stdin: Readable.from([]), cwd: h.dir })
    expect(u16.ok ? '' : u16.message).toMatch(/offset 0 \(it looks like UTF-16\)/)
    writeFileSync(join(h.dir, 'bom.json'), Buffer.from('\ufeff{"a":1}', 'utf8'))
    const bom = await readPayload('@bom.json', { stdin: Readable.from([]), cwd: h.dir })
    expect(bom).toEqual({ ok: true, text: '{"a":1}', origin: { kind: 'file', shown: 'bom.json' } })
  })
})

describe('payloadProblem', () => {
  const message = 'Invalid JSON at line 1, column 1: expected a value but found "r".'
  it('keeps the position and drops the content for a file or standard input', () => {
    expect(payloadProblem({ kind: 'file', shown: '/etc/shadow' }, message)).toBe(
      '--data @/etc/shadow: Invalid JSON at line 1, column 1: expected a value.'
    )
    expect(payloadProblem({ kind: 'stdin' }, message)).toBe(
      '--data - (standard input): Invalid JSON at line 1, column 1: expected a value.'
    )
    const quoted = 'Invalid JSON at line 2, column 4: expected a value but found "\\"".'
    expect(payloadProblem({ kind: 'stdin' }, quoted)).not.toContain('found')
  })

  it('keeps the message whole for text typed on the command line', () => {
    expect(payloadProblem({ kind: 'inline' }, message)).toBe(`--data: ${message}`)
  })
})

describe('start --data', () => {
  const start = ['start', '--base-url', 'http://127.0.0.1:9/rtm', '--build', 'b', '--app', 'a']
  const args = (data: string) => [...start, '--process', 'p', '--data', data]

  it('never echoes a file that is not JSON, whatever its first characters', async () => {
    const secretish = join(h.dir, 'shadow')
    writeFileSync(secretish, 'root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\n')
    const run = await h.run(args(`@${secretish}`))
    expect(run.code).toBe(2)
    expect(run.stderr.text).toBe(
      `flowx-launcher: --data @${secretish}: Invalid JSON at line 1, column 1: expected a value.\n`
    )
    for (const piece of ['root', '"r"', 'salt', 'hash'])
      expect(run.stderr.text).not.toContain(piece)
    expect(h.recordCount()).toBe(0)
  })

  it('refuses invalid UTF-8 before sending anything: nothing recorded', async () => {
    const file = join(h.dir, 'bad.json')
    writeFileSync(file, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d]))
    const run = await h.run(args('@bad.json'))
    expect(run.code).toBe(2)
    expect(run.stderr.text).toContain('is not valid UTF-8: the first bad byte is at offset 6')
    expect(h.recordCount()).toBe(0)
  })
})
