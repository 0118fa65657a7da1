/** Asking on a terminal: whether there is one, and one typed line from it. */
import type { CliContext } from '../context'

function isTTY(stream: unknown): boolean {
  return (stream as { isTTY?: boolean } | undefined)?.isTTY === true
}

/** Both standard input and standard error are a terminal: a person can answer a question. */
export function isInteractive(ctx: CliContext): boolean {
  return isTTY(ctx.io.stdin) && isTTY(ctx.io.stderr)
}

export function stderrIsTTY(ctx: CliContext): boolean {
  return isTTY(ctx.io.stderr)
}

/** Write `question` on stderr and read one line from stdin ('' when it ends first). */
export async function ask(ctx: CliContext, question: string): Promise<string> {
  ctx.io.stderr.write(question)
  let line = ''
  for await (const chunk of ctx.io.stdin) {
    line += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    const end = line.indexOf('\n')
    if (end >= 0) return line.slice(0, end).replace(/\r$/, '')
  }
  return line
}
