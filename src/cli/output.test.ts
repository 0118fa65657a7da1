import { Readable } from 'node:stream'

import { describe, expect, it } from 'vitest'

import { CliContext } from './context'
import { clean, jsonLine, shellQuote, table } from './output'
import { Capture } from './test-support'

const SECRET = 'plain-canary-0123456789'

function context(): { ctx: CliContext; stdout: Capture; stderr: Capture } {
  const stdout = new Capture()
  const stderr = new Capture()
  const io = { stdout, stderr, stdin: Readable.from([]), env: { FLOWX_TOKEN: ` ${SECRET}\n` } }
  return { ctx: new CliContext(io, 'test'), stdout, stderr }
}

describe('Output', () => {
  it('masks FLOWX_TOKEN on every path to stdout and stderr', () => {
    const { ctx, stdout, stderr } = context()
    ctx.out.out(`server said ${SECRET}`)
    ctx.out.err(`again ${SECRET}!`)
    ctx.out.json({ nested: [{ message: `x${SECRET}x` }] })
    ctx.out.plain('stdout', `help ${SECRET}\n`)
    ctx.fail({ message: `failed with ${SECRET}`, hint: encodeURIComponent(SECRET) })

    expect(stdout.text + stderr.text).not.toContain(SECRET)
    expect(stdout.text).toContain('server said ••••')
    expect(JSON.parse(stdout.lines()[1])).toEqual({ nested: [{ message: 'x••••x' }] })
  })

  it('leaves a deliberately shown credential alone on the plain path', () => {
    const { ctx, stdout } = context()
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl'
    ctx.out.plain('stdout', `Demo token ${jwt}\n`)
    ctx.out.out(`Demo token ${jwt}`)
    expect(stdout.lines()).toEqual([`Demo token ${jwt}`, 'Demo token ••••'])
  })
})

describe('text helpers', () => {
  it('neutralises terminal control characters from server text', () => {
    expect(clean('ok\u001b[31mred\r\nnext\u009bx')).toBe('ok\ufffd[31mred next\ufffdx')
  })

  it('keeps JSON lines on one line and escapes C1 controls', () => {
    const line = jsonLine({ a: 'x\ny\u009b\u2028' })
    expect(line).toBe('{"a":"x\\ny\\u009b\\u2028"}')
    expect(JSON.parse(line)).toEqual({ a: 'x\ny\u009b\u2028' })
  })

  it('pads table columns', () => {
    expect(
      table(
        ['A', 'BB'],
        [
          ['xyz', '1'],
          ['', '22']
        ]
      )
    ).toEqual(['A    BB', 'xyz  1', '     22'])
  })

  it('quotes shell words only when needed', () => {
    expect(shellQuote('http://127.0.0.1:1/rtm')).toBe('http://127.0.0.1:1/rtm')
    expect(shellQuote('[DOCS]a b')).toBe("'[DOCS]a b'")
    expect(shellQuote("it's")).toBe("'it'\\''s'")
  })
})
