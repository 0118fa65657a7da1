/**
 * `flowx-launcher`: the headless command line over the same core and data directory as the app.
 * Built as out/main/cli.js (CommonJS); bin/flowx-launcher.cjs and `npm run cli` run it.
 */
import { CommanderError } from 'commander'

import { version } from '../../package.json'
import { CliContext, toAppError, type CliIo, type CliOverrides } from './context'
import { EXIT } from './exit-codes'
import { SECRET_FLAGS } from './help-text'
import type { TextSink } from './output'
import { buildProgram } from './program'
import type { PayloadSource } from './read-payload'

export type { CliIo, CliOverrides } from './context'

/** Run the CLI on `argv` (the arguments after the script) and return the exit code. */
export async function runCli(
  argv: string[],
  io: CliIo,
  overrides: CliOverrides = {}
): Promise<number> {
  const ctx = new CliContext(io, version, overrides)
  for (const [flag, env, what] of SECRET_FLAGS) {
    if (argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`))) {
      // Caught before commander, whose "unknown option" message would echo `--flag=<value>`.
      ctx.fail({
        message: `There is no ${flag} flag: set ${env} instead.`,
        hint: `A flag would leave the ${what} in shell history and process lists.`
      })
      return EXIT.INVALID_INPUT
    }
  }
  let exitCode: number = EXIT.STARTED
  const setExit = (code: number): void => {
    exitCode = code
  }
  // Only the command named first is built; anything else (`--help`, `help`, a typo) gets them
  // all, for the full help and commander's suggestions.
  const first = argv[0]
  let program = buildProgram(ctx, setExit, first?.startsWith('-') === false ? first : undefined)
  if (program.commands.length === 0) program = buildProgram(ctx, setExit)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    // Help and --version end with a CommanderError of exit code 0; usage errors are already printed.
    if (error instanceof CommanderError)
      return error.exitCode === 0 ? EXIT.STARTED : EXIT.INVALID_INPUT
    ctx.fail(toAppError(error))
    return EXIT.INVALID_INPUT
  }
}

/** Run with the real process: argv, streams, environment and signals. */
export async function main(): Promise<void> {
  // Node loads its whole fetch implementation (undici, about 50 ms of CPU) the first time anything
  // reads the global FormData, and axios reads it as it loads, only to recognise FormData bodies
  // (which it also does by their tag). The CLI never sends one: its process goes without, so no
  // command pays for it. (A plain write replaces Node's lazy global without loading it.)
  Reflect.set(globalThis, 'FormData', undefined)
  process.stdout.on('error', ignoreClosedPipe)
  // Node makes process.stdin and process.stderr on first use, and making them cost a one-shot
  // start several milliseconds (stdin above all), for streams a start that succeeds never uses.
  let stderr: NodeJS.WriteStream | undefined
  const openStderr = (): NodeJS.WriteStream => {
    if (stderr === undefined) {
      stderr = process.stderr
      stderr.on('error', ignoreClosedPipe)
    }
    return stderr
  }
  // isTTY tells `batch` whether to draw its progress bar and whether a person can answer.
  const errors: TextSink & { readonly isTTY: boolean } = {
    write: (text: string) => openStderr().write(text),
    get isTTY() {
      return openStderr().isTTY === true
    }
  }
  // Only read for `--data -` and `batch`'s question, so other commands never open (and wait on)
  // stdin.
  const input: PayloadSource & { readonly isTTY: boolean } = {
    [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator](),
    get isTTY() {
      return process.stdin.isTTY === true
    }
  }
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: errors,
    stdin: input,
    env: process.env
  })
}

/** The reader went away (`history --json | head`): drop the rest of the output, finish the command. */
function ignoreClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
}

// Run when executed directly (`node out/main/cli.js`); the bin script calls main() itself.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void main()
}
