/**
 * Every requirement in security.md has a row in docs/security-tests.md, and every test file a row
 * names exists: a new requirement cannot go untested unnoticed, and a renamed test cannot leave
 * the table pointing at nothing. security.md lives beside the repository (../shared), as in CI.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '..')
const SPEC = resolve(ROOT, '..', 'shared', 'security.md')
const TABLE = resolve(ROOT, 'docs', 'security-tests.md')

const ID = /^[A-Z]{2,5}-\d+$/

/**
 * Requirement ids of security.md: each `### XXX-N` heading and the first cell of each checklist
 * row (`| SEC-5/6 |` stands for SEC-5 and SEC-6).
 */
export function requirementIds(markdown: string): string[] {
  const ids = new Set<string>()
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,4}\s+([A-Z]{2,5}-\d+)\b/.exec(line)
    if (heading) ids.add(heading[1])
    const cell = /^\|\s*([A-Z]{2,5})-(\d+(?:\/\d+)*)\s*\|/.exec(line)
    if (cell) for (const n of cell[2].split('/')) ids.add(`${cell[1]}-${n}`)
  }
  return [...ids].sort()
}

/**
 * Rows of the traceability table (the one headed `| ID | Requirement …`): id → the backticked
 * test files it names. Other tables of the page are not read.
 */
export function tableRows(markdown: string): Map<string, string[]> {
  const rows = new Map<string, string[]>()
  const lines = markdown.split('\n')
  const header = lines.findIndex((line) => /^\|\s*ID\s*\|\s*Requirement/.test(line))
  if (header < 0) return rows
  for (const line of lines.slice(header + 1)) {
    if (!line.startsWith('|')) break
    const cells = line.split('|').map((cell) => cell.trim())
    if (cells.length < 5 || !ID.test(cells[1])) continue
    const files = [...cells[3].matchAll(/`([^`\s]+\.(?:test|spec)\.[cm]?ts)`/g)].map((m) => m[1])
    rows.set(cells[1], files)
  }
  return rows
}

describe('the parsers (so the check itself can fail)', () => {
  it('reads ids from headings and checklist rows, expanding SEC-5/6', () => {
    const spec = [
      '| ID | Requirement |',
      '|---|---|',
      '| WIN-1 | Hardened |',
      '| SEC-5/6 | No key; 0600 |',
      '### NET-9 A new one',
      '| 4 | Process sandboxing | … | WIN-1 |',
      'Mentions CVE-2025-27152 and STO-3 in text only.'
    ].join('\n')
    expect(requirementIds(spec)).toEqual(['NET-9', 'SEC-5', 'SEC-6', 'WIN-1'])
  })

  it('reads the test files of each row of the requirement table only, skipping rows without an id', () => {
    const table = [
      '| ID | Requirement | Tests | Shows |',
      '|---|---|---|---|',
      '| WIN-1 | x | `src/main/window.test.ts` → "a", `e2e/xss.spec.ts` | y |',
      '| Open | x | `src/a.ts` | y |',
      '',
      '| ID | Break | Failed in |',
      '|---|---|---|',
      '| WIN-1 | x | `elsewhere.test.ts` |'
    ].join('\n')
    expect([...tableRows(table)]).toEqual([
      ['WIN-1', ['src/main/window.test.ts', 'e2e/xss.spec.ts']]
    ])
  })
})

describe('docs/security-tests.md against security.md', () => {
  const table = tableRows(readFileSync(TABLE, 'utf8'))

  it('has a row for every requirement id of security.md', (ctx) => {
    if (!existsSync(SPEC)) {
      return ctx.skip(`${SPEC} is absent: security.md is kept beside the repository (../shared)`)
    }
    const ids = requirementIds(readFileSync(SPEC, 'utf8'))
    expect(ids.length).toBeGreaterThan(0)
    expect(ids.filter((id) => !table.has(id))).toEqual([])
  })

  it('names at least one existing test file in every row', () => {
    expect(table.size).toBeGreaterThan(0)
    for (const [id, files] of table) {
      expect(files, id).not.toEqual([])
      expect(
        files.filter((file) => !existsSync(resolve(ROOT, file))),
        id
      ).toEqual([])
    }
  })
})
