/**
 * A variables table as edited (profile variables, a saved launch's defaults, this launch's
 * overrides): ordered rows that may be half-typed, checked row by row, and the name → value
 * record they become once valid.
 */
export interface VariableRow {
  name: string
  value: string
}

/** The names a `{{name}}` placeholder accepts (the template engine's rule). */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/
export const MAX_VARIABLES = 200
export const MAX_VALUE_LENGTH = 10_000

export function rowsFrom(variables: Readonly<Record<string, string>> | undefined): VariableRow[] {
  return Object.entries(variables ?? {}).map(([name, value]) => ({ name, value }))
}

/** The record the rows stand for; rows without a name are left out. */
export function variablesFrom(rows: readonly VariableRow[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const row of rows) {
    const name = row.name.trim()
    if (name) out[name] = row.value
  }
  return out
}

/** The message for each row that cannot be saved, by row index. */
export function rowErrors(rows: readonly VariableRow[]): Record<number, string> {
  const errors: Record<number, string> = {}
  const seen = new Map<string, number>()
  rows.forEach((row, i) => {
    const name = row.name.trim()
    if (!name) {
      if (row.value !== '') errors[i] = 'Name this variable, or remove the row.'
      return
    }
    if (name.startsWith('$')) {
      errors[i] = `Names starting with $ are built-ins ({{${name}}}); choose another name.`
    } else if (!NAME.test(name)) {
      errors[i] = 'Use letters, digits, _ - and . (a letter or _ first).'
    } else if (seen.has(name)) {
      errors[i] = `“${name}” is already defined in row ${(seen.get(name) ?? 0) + 1}.`
    } else if (row.value.length > MAX_VALUE_LENGTH) {
      errors[i] = `At most ${MAX_VALUE_LENGTH.toLocaleString('en')} characters.`
    }
    if (!seen.has(name)) seen.set(name, i)
  })
  if (rows.length > MAX_VARIABLES) errors[MAX_VARIABLES] = `At most ${MAX_VARIABLES} variables.`
  return errors
}
