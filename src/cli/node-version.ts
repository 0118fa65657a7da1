/**
 * The Node.js the CLI needs: node:sqlite (the history ledger) and require() of ESM-only packages
 * arrived in Node 22.13. electron.vite.config.ts puts this function at the very top of
 * out/main/cli.js (before any require), so an older Node gets a sentence, not
 * ERR_UNKNOWN_BUILTIN_MODULE: it must stay self-contained (no imports, no outer names).
 */
export function nodeProblem(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  if (major > 22 || (major === 22 && minor >= 13)) return undefined
  return [
    `flowx-launcher needs Node.js 22.13 or newer (it keeps history with the built-in node:sqlite); this is Node.js ${version}.`,
    'Install Node.js 24 (https://nodejs.org), or run the CLI through the project with `npm run cli -- <command>`, which uses the Node 24 in node_modules.'
  ].join('\n')
}

/** The check as a script line for the top of the built CLI. */
export function nodeCheckBanner(): string {
  return `{ const problem = (${nodeProblem.toString()})(process.versions.node); if (problem) { process.stderr.write(problem + "\\n"); process.exit(2); } }`
}
