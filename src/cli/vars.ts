/**
 * `--var key=value` values (and `--var '?Label=answer'` for prompts) and the dry-run report, kept
 * apart from the template engine so that a command without placeholders never loads it.
 */
import type { ResolvedVariable } from '../shared/templates'
import { variableIssue } from '../shared/launch-rules'
import { CliError, type CliContext } from './context'

export interface CliVars {
  overrides: Record<string, string>
  prompts: Record<string, string>
}

/** `--var name=value` → overrides; `--var '?Label=answer'` → prompt answers. */
export function parseVars(list: string[] | undefined): CliVars {
  const overrides: Record<string, string> = {}
  const prompts: Record<string, string> = {}
  for (const item of list ?? []) {
    const eq = item.indexOf('=')
    if (eq <= 0) throw new CliError(`--var ${item}: write it as name=value.`)
    const name = item.slice(0, eq).trim()
    const value = item.slice(eq + 1)
    if (name.startsWith('?')) {
      prompts[name.slice(1).trim()] = value
      continue
    }
    const issue = variableIssue(name, value)
    if (issue !== undefined) throw new CliError(`--var ${name}: ${issue}`)
    overrides[name] = value
  }
  return { overrides, prompts }
}

/** The dry-run report: what would be sent, on stdout; or one JSON line. */
export function printDryRun(
  ctx: CliContext,
  sent: { url: string; payload: string; variables: ResolvedVariable[] | Record<string, string> },
  json: boolean
): void {
  const variables = Array.isArray(sent.variables)
    ? Object.fromEntries(sent.variables.map((v) => [v.name, v.value]))
    : sent.variables
  if (json) {
    ctx.out.json({ dryRun: true, url: sent.url, payload: sent.payload, variables })
    return
  }
  ctx.out.out(`Dry run: nothing was sent.`, `POST ${sent.url}`)
  const names = Object.keys(variables)
  if (names.length > 0) {
    ctx.out.out('Variables:', ...names.map((n) => `  ${n} = ${variables[n]}`))
  }
  ctx.out.out('Payload:', sent.payload)
}
