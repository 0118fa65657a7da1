/**
 * The process names the Local sandbox publishes (its fixture), so a newcomer's first launch form
 * suggests them before there is any history to suggest from.
 */
import { DEFAULT_FIXTURE } from '../../sandbox'

/** Process names of the active builds of every app in the sandbox's fixture, in fixture order. */
export function sandboxProcessNames(fixture = DEFAULT_FIXTURE): string[] {
  const names: string[] = []
  for (const workspace of fixture.workspaces)
    for (const app of workspace.apps) {
      const active = app.builds.find((b) => b.id === app.activePolicy?.buildId)
      for (const process of active?.processes ?? [])
        if (!names.includes(process.name)) names.push(process.name)
    }
  return names
}

/** History's names first (what was really launched), then the others, filtered by prefix. */
export function mergeProcessNames(
  fromHistory: string[],
  suggested: string[],
  prefix?: string,
  limit = 20
): string[] {
  const seen = new Set(fromHistory)
  const wanted = prefix?.toLowerCase()
  const extra = suggested.filter(
    (name) => !seen.has(name) && (!wanted || name.toLowerCase().startsWith(wanted))
  )
  return [...fromHistory, ...extra].slice(0, limit)
}
