/**
 * What the command definitions (`define-*.ts`) share: the run they are built for, and the options
 * several commands take. Each command's handler stays in its own module, loaded on first use.
 */
import { Option, type Command } from 'commander'

import { SANDBOX_IDS } from '../../sandbox/fixture'
import { CLIENT_SECRET_ENV, PASSWORD_ENV, type CliContext } from '../context'
import { DATA_DIR_ENV } from '../data-dir'

/** The run the commands are defined for. */
export interface CommandKit {
  readonly ctx: CliContext
  /** Sets the exit code of the run (each action passes its handler's). */
  readonly setExit: (code: number) => void
  /** A new top-level command; one this run does not use is a stand-in that ignores its definition. */
  readonly command: (name: string) => Command
}

/** The login client FlowX's own apps use for the password grant (as in connection.ts). */
const DEFAULT_LOGIN_CLIENT = SANDBOX_IDS.publicClientId

/** commander's collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

/** The `--data-dir` option (a new one for each command). */
export function dataDir(): Option {
  return new Option(
    '--data-dir <dir>',
    `data directory (default: $${DATA_DIR_ENV}, else the app's)`
  )
}

/** Adds the sign-in flags: an identity provider, and a client or a user. */
export function authOptions(command: Command): Command {
  return command
    .option('--issuer <url>', 'identity provider realm, e.g. https://kc.example.com/realms/flowx')
    .option('--client-id <id>', `client (client credentials with $${CLIENT_SECRET_ENV})`)
    .option(
      '--username <name>',
      `password grant as this user ($${PASSWORD_ENV}; client default ${DEFAULT_LOGIN_CLIENT})`
    )
}
