/**
 * The two forms of a launch report: Markdown to paste into Jira or ServiceNow, and a standalone
 * HTML page to print to PDF. HTML escapes every value it prints and carries no script (its CSP says
 * so too); Markdown escapes the characters that would turn a value into markup.
 */
import type { ReportEntry, ReportModel } from './model'

/** Markdown-safe inline text: markup characters escaped, line breaks kept as spaces. */
export function mdText(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>#|~])/g, '\\$1')
}

/** A fenced block long enough that no backtick run inside can close it. */
function mdFence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${lang}\n${text}\n${fence}`
}

/** Inline code that no backtick inside can close (URLs and paths stay clickable and exact). */
function mdCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`
}

/** A value: URLs and paths as inline code, every other word with markup escaped. */
export function mdValue(value: string): string {
  return value
    .replace(/\r?\n/g, ' ')
    .split(/(\s+)/)
    .map((word) =>
      /^\s*$/.test(word)
        ? word
        : /^[a-z][a-z0-9+.-]*:\/\/|\//i.test(word)
          ? mdCode(word)
          : mdText(word)
    )
    .join('')
}

function mdFacts(facts: Array<[string, string]>): string[] {
  return facts.map(([label, value]) => `- **${mdText(label)}:** ${mdValue(value)}`)
}

function mdEntry(entry: ReportEntry, index: number, total: number): string[] {
  const lines = [
    `## ${total > 1 ? `${index + 1}. ` : ''}${mdText(entry.title)}`,
    '',
    ...mdFacts(entry.facts)
  ]
  if (entry.error) {
    lines.push(
      '',
      '### Error',
      '',
      `- **${mdText(entry.error.code)}:** ${mdText(entry.error.message)}`
    )
    if (entry.error.hint) lines.push(`- **What to do:** ${mdText(entry.error.hint)}`)
    if (entry.error.detail) lines.push('', mdFence(entry.error.detail))
  }
  if (entry.tokens.length > 0) {
    lines.push(
      '',
      '### Tokens',
      '',
      '| Token | State | Current node | Parent |',
      '| --- | --- | --- | --- |'
    )
    for (const t of entry.tokens) {
      lines.push(
        `| ${mdText(t.id)} | ${mdText(t.state)} | ${mdText(t.node)} | ${mdText(t.parent ?? '')} |`
      )
    }
  }
  if (entry.build.length > 0) lines.push('', '### Build', '', ...mdFacts(entry.build))
  if (entry.payload !== undefined) lines.push('', '### Payload', '', mdFence(entry.payload, 'json'))
  return lines
}

/** The report as Markdown. */
export function renderMarkdown(model: ReportModel): string {
  const total = model.entries.length
  const lines = [`# ${mdText(model.title)}`, '', ...mdFacts(model.summary)]
  model.entries.forEach((entry, i) => lines.push('', ...mdEntry(entry, i, total)))
  lines.push('', '---', '', `_${mdText(model.footer)}_`, '')
  return lines.join('\n')
}

/** HTML-escape text for element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #ddd; padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dt { font-weight: 600; color: #444; }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; }
pre { background: #f5f5f5; border: 1px solid #ddd; padding: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; }
.error { border-left: 4px solid #b00020; padding-left: .75rem; }
footer { margin-top: 2.5rem; color: #555; font-size: .85rem; }
section { break-inside: avoid-page; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } pre { break-inside: avoid; } }
`

function htmlFacts(facts: Array<[string, string]>): string {
  if (facts.length === 0) return ''
  const rows = facts.map(([l, v]) => `<dt>${escapeHtml(l)}</dt><dd>${escapeHtml(v)}</dd>`).join('')
  return `<dl>${rows}</dl>`
}

function htmlEntry(entry: ReportEntry, index: number, total: number): string {
  const parts = [
    `<h2>${total > 1 ? `${index + 1}. ` : ''}${escapeHtml(entry.title)}</h2>`,
    htmlFacts(entry.facts)
  ]
  if (entry.error) {
    parts.push(
      '<div class="error"><h3>Error</h3>',
      htmlFacts([
        [entry.error.code, entry.error.message],
        ...(entry.error.hint ? ([['What to do', entry.error.hint]] as Array<[string, string]>) : [])
      ]),
      entry.error.detail ? `<pre>${escapeHtml(entry.error.detail)}</pre>` : '',
      '</div>'
    )
  }
  if (entry.tokens.length > 0) {
    const rows = entry.tokens
      .map(
        (t) =>
          `<tr><td>${escapeHtml(t.id)}</td><td>${escapeHtml(t.state)}</td><td>${escapeHtml(t.node)}</td><td>${escapeHtml(t.parent ?? '')}</td></tr>`
      )
      .join('')
    parts.push(
      '<h3>Tokens</h3>',
      `<table><thead><tr><th>Token</th><th>State</th><th>Current node</th><th>Parent</th></tr></thead><tbody>${rows}</tbody></table>`
    )
  }
  if (entry.build.length > 0) parts.push('<h3>Build</h3>', htmlFacts(entry.build))
  if (entry.payload !== undefined)
    parts.push('<h3>Payload</h3>', `<pre>${escapeHtml(entry.payload)}</pre>`)
  return `<section>${parts.join('')}</section>`
}

/** The report as a standalone, print-friendly HTML page without any script. */
export function renderHtml(model: ReportModel): string {
  const total = model.entries.length
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(model.title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>${escapeHtml(model.title)}</h1>`,
    htmlFacts(model.summary),
    ...model.entries.map((entry, i) => htmlEntry(entry, i, total)),
    `<footer>${escapeHtml(model.footer)}</footer>`,
    '</body></html>',
    ''
  ].join('\n')
}
