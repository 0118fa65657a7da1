/**
 * Splitting a pasted shell command into words the way bash would: single quotes, double quotes
 * (with \" \\ \$ \` escapes), ANSI-C `$'…'` strings (as Chrome's "Copy as cURL (bash)" writes
 * them), backslash escapes and line continuations. Pure; nothing is expanded or run.
 */

function ansiC(text: string, start: number): { value: string; end: number } {
  let value = ''
  let i = start
  while (i < text.length && text[i] !== "'") {
    if (text[i] !== '\\') {
      value += text[i++]
      continue
    }
    const c = text[i + 1]
    i += 2
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      a: '\u0007',
      b: '\b',
      e: '\u001b',
      E: '\u001b',
      f: '\f',
      v: '\v',
      '\\': '\\',
      "'": "'",
      '"': '"',
      '?': '?'
    }
    if (c in simple) value += simple[c]
    else if (c === 'x' || c === 'u' || c === 'U') {
      const max = c === 'x' ? 2 : c === 'u' ? 4 : 8
      const hex = /^[0-9a-fA-F]+/.exec(text.slice(i, i + max))?.[0] ?? ''
      value += hex ? String.fromCodePoint(parseInt(hex, 16)) : `\\${c}`
      i += hex.length
    } else if (c !== undefined && /[0-7]/.test(c)) {
      const oct = /^[0-7]{1,3}/.exec(text.slice(i - 1, i + 2))?.[0] ?? c
      value += String.fromCharCode(parseInt(oct, 8))
      i += oct.length - 1
    } else value += `\\${c ?? ''}`
  }
  if (i >= text.length) throw new Error("A $'…' string is never closed.")
  return { value, end: i + 1 }
}

/** The words of a command line; throws with a plain message on an unclosed quote. */
export function shellWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i++
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) throw new Error('A single-quoted string is never closed.')
      word += text.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (c === '$' && text[i + 1] === "'") {
      const { value, end } = ansiC(text, i + 2)
      word += value
      inWord = true
      i = end
    } else if (c === '"') {
      i++
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(text[i + 1])) {
          if (text[i + 1] !== '\n') word += text[i + 1]
          i += 2
        } else word += text[i++]
      }
      if (i >= n) throw new Error('A double-quoted string is never closed.')
      inWord = true
      i++
    } else if (c === '\\') {
      word += text[i + 1] ?? ''
      inWord = true
      i += 2
    } else {
      word += c
      inWord = true
      i++
    }
  }
  if (inWord) words.push(word)
  return words
}
