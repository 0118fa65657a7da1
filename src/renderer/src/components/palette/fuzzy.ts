/**
 * A small fuzzy scorer for the command palette: the query's characters must appear in order;
 * matches at the start, after a separator or a camel hump, and runs of consecutive characters
 * score higher; a gap costs a little. Returns the matched positions for highlighting.
 *
 * Hand-written rather than a library: the palette matches short titles, environment names and
 * uuid prefixes, where this subsequence rule (as in VS Code and Sublime) ranks the way people
 * expect, stays deterministic, and costs a few dozen lines instead of a dependency.
 */

export interface FuzzyMatch {
  score: number
  /** Indexes of the matched characters in the text. */
  positions: number[]
}

const SEPARATORS = new Set([' ', '-', '_', '/', '.', ':', '[', ']', '(', ')', '·'])

function boundary(text: string, i: number): boolean {
  if (i === 0) return true
  const prev = text[i - 1]
  if (SEPARATORS.has(prev)) return true
  return prev === prev.toLowerCase() && text[i] !== text[i].toLowerCase()
}

/** Score `text` for `query`; undefined when it does not match. An empty query matches all. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | undefined {
  const q = query.trim().toLowerCase()
  if (!q) return { score: 0, positions: [] }
  const lower = text.toLowerCase()
  // A plain substring is the strongest signal: take it as is.
  const at = lower.indexOf(q)
  if (at >= 0) {
    const positions = Array.from({ length: q.length }, (_, k) => at + k)
    return { score: 100 + q.length * 4 + (boundary(text, at) ? 30 : 0) - at * 0.1, positions }
  }
  const positions: number[] = []
  let score = 0
  let from = 0
  let prev = -2
  for (const ch of q) {
    if (ch === ' ') continue
    // Prefer the next occurrence on a word boundary, else the next one at all.
    let i = lower.indexOf(ch, from)
    if (i < 0) return undefined
    for (let j = i; j >= 0 && j < lower.length; j = lower.indexOf(ch, j + 1)) {
      if (boundary(text, j)) {
        if (j === prev + 1 || i !== prev + 1) i = j
        break
      }
    }
    score += i === prev + 1 ? 8 : boundary(text, i) ? 6 : 1
    score -= Math.min(i - from, 10) * 0.2
    positions.push(i)
    prev = i
    from = i + 1
  }
  return { score, positions }
}
