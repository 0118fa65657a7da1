/**
 * The command line's program: the top-level command, its help, and the commands defined by area
 * (`commands/define-*.ts`). A run builds only the command it is asked for.
 */
import { Command } from 'commander'

import { version } from '../../package.json'
import { defineInspectCommands } from './commands/define-inspect'
import { defineLaunchCommands } from './commands/define-launch'
import type { CommandKit } from './commands/define-options'
import { defineSetupCommands } from './commands/define-setup'
import type { CliContext } from './context'
import { EXAMPLES, FOOTER } from './help-text'

/**
 * What a command this run does not use is built as: every builder call returns it and does
 * nothing. Building all the commands with their options took a one-shot `start` about 4 ms.
 */
const unused: Command = new Proxy(Object.create(null) as object, {
  get: () => () => unused
}) as Command

/** The program; with `only`, the other top-level commands are left out. */
export function buildProgram(
  ctx: CliContext,
  setExit: (code: number) => void,
  only?: string
): Command {
  const program = new Command('flowx-launcher')
    .description('Start FlowX.AI processes with the FlowX Launcher profiles and history.')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.out.plain('stdout', text),
      writeErr: (text) => ctx.out.plain('stderr', text)
    })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES)
    .addHelpText('after', FOOTER)
    .hook('preAction', (_program, command) => ctx.commandStarted(command))
  const kit: CommandKit = {
    ctx,
    setExit,
    command: (name) => (only === undefined || name === only ? program.command(name) : unused)
  }
  // The help lists the commands in the order they are defined.
  defineLaunchCommands(kit)
  defineInspectCommands(kit)
  defineSetupCommands(kit)
  return program
}
