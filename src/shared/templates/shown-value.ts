/** A variable's value as messages show it: cut after 40 characters. */
export function shownValue(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value
}
