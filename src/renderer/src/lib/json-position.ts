/** Where in the text a payload error points, from parsePayload's "line L, column C" wording. */
export function errorOffset(text: string, message: string): number | undefined {
  const m = /line (\d+), column (\d+)/.exec(message)
  if (!m) return undefined
  const line = Number(m[1])
  const column = Number(m[2])
  let offset = 0
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset)
    if (next === -1) return text.length
    offset = next + 1
  }
  return Math.min(offset + column - 1, text.length)
}
