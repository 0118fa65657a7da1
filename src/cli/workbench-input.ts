/**
 * What the workbench commands share: template errors as exit-2 messages, and (from vars.ts) the
 * `--var` values and the dry-run report.
 */
import { TemplateError } from '../shared/templates'
import { CliError } from './context'

export { parseVars, printDryRun, type CliVars } from './vars'

/** A template problem as the CLI reports it (exit 2), with how to answer a prompt. */
export function templateFailure(error: unknown): never {
  if (error instanceof TemplateError) {
    const hint =
      error.kind === 'prompt'
        ? `Answer with --var '?${error.prompts[0]}=VALUE'.`
        : error.kind === 'unresolved'
          ? `Give it a value with --var ${error.variable}=VALUE.`
          : undefined
    throw new CliError(error.message, hint)
  }
  throw error
}
