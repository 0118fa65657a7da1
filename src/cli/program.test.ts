/**
 * The command line builds only the command it is asked for; help, `help NAME` and a mistyped
 * command still see every command, as if all were built.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { CliHarness } from './test-support'

const COMMANDS = ['start', 'batch', 'run', 'library', 'replay', 'curl', 'check', 'history']
const MORE = ['build-info', 'report', 'sandbox', 'profiles']

let h: CliHarness
beforeEach(() => {
  h = new CliHarness()
})
afterEach(() => h.cleanup())

describe('the program', () => {
  it('lists every command in its help', async () => {
    const { code, stdout } = await h.run(['--help'])
    expect(code).toBe(0)
    for (const name of [...COMMANDS, ...MORE])
      expect(stdout.text).toMatch(new RegExp(`^  ${name}\\b`, 'm'))
  })

  it("shows a command's own help, by `NAME --help` and by `help NAME`", async () => {
    const direct = await h.run(['history', '--help'])
    const viaHelp = await h.run(['help', 'history'])
    expect(direct.code).toBe(0)
    expect(viaHelp.code).toBe(0)
    expect(direct.stdout.text).toContain('Usage: flowx-launcher history [options] [command]')
    expect(direct.stdout.text).toContain('--status <status>')
    expect(direct.stdout.text).toMatch(/^ {2}prune\b/m)
    expect(viaHelp.stdout.text).toBe(direct.stdout.text)
  })

  it('suggests the command meant for a mistyped one, and sends nothing', async () => {
    const { code, stderr } = await h.run(['strat', '--base-url', 'http://127.0.0.1:9/rtm'])
    expect(code).toBe(2)
    expect(stderr.text).toContain("unknown command 'strat'")
    expect(stderr.text).toContain('(Did you mean start?)')
  })

  it("refuses another command's option on the command given", async () => {
    // --rows belongs to batch: start, built alone, still knows it is not its own.
    const { code, stderr } = await h.run(['start', '--rows', 'rows.csv'])
    expect(code).toBe(2)
    expect(stderr.text).toContain("unknown option '--rows'")
  })
})
