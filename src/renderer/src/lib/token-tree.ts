import type { ProcessToken } from '@shared/domain'

/** A token placed in the parent/child tree, for an indented table. */
export interface TokenRow {
  token: ProcessToken
  depth: number
}

/**
 * Orders tokens parent-first with their children below them (depth-first, in server order).
 * A token whose parent is not in the list is shown at the top level; cycles are cut.
 */
export function flattenTokenTree(tokens: readonly ProcessToken[]): TokenRow[] {
  const ids = new Set(tokens.map((t) => String(t.id)))
  const children = new Map<string, ProcessToken[]>()
  const roots: ProcessToken[] = []
  for (const token of tokens) {
    const parent = token.parentTokenId === undefined ? undefined : String(token.parentTokenId)
    if (parent !== undefined && parent !== String(token.id) && ids.has(parent)) {
      const list = children.get(parent) ?? []
      list.push(token)
      children.set(parent, list)
    } else {
      roots.push(token)
    }
  }

  const rows: TokenRow[] = []
  const seen = new Set<ProcessToken>()
  const visit = (token: ProcessToken, depth: number): void => {
    if (seen.has(token)) return
    seen.add(token)
    rows.push({ token, depth })
    for (const child of children.get(String(token.id)) ?? []) visit(child, depth + 1)
  }
  for (const root of roots) visit(root, 0)
  // Tokens only reachable through a cycle still get a row.
  for (const token of tokens) if (!seen.has(token)) visit(token, 0)
  return rows
}
