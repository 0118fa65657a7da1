/**
 * The electronegativity gate: one real offline scan of the insecure fixture with the pinned
 * devDependency, then the decision logic (security.md BLD-2) on reports recorded from real
 * electronegativity 1.10.3 scans, so this test needs no install and no network:
 * - fixtures/recorded/insecure-window.json: `--scan-dir scripts/security/fixtures/insecure-window`
 * - fixtures/recorded/unparseable.json: `--scan-dir scripts/security/fixtures/unparseable`
 * - fixtures/recorded/project.json: the gate's own scan of this project
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import {
  evaluate,
  formatTable,
  parseBaseline,
  parseReport,
  verdict
} from './electronegativity-lib.mjs'

const here = import.meta.dirname
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(here, file), 'utf8'))
const recorded = (name: string) => parseReport(readJson(`fixtures/recorded/${name}.json`))
const baseline = parseBaseline(readJson('electronegativity-baseline.json'))

describe('electronegativity gate', () => {
  it('scans with the installed tool, offline, and finds what the recorded scan found', () => {
    const out = mkdtempSync(join(tmpdir(), 'flowx-egate-'))
    try {
      const scan = spawnSync(
        process.execPath,
        [
          join(here, 'electronegativity-scan.mjs'),
          join(here, 'fixtures/insecure-window'),
          '45.4.1',
          join(out, 'report.json'),
          join(out, 'report.csv')
        ],
        // No proxy, no DNS: a fetch attempt fails the scan (its socket guard exits 1).
        { encoding: 'utf8', env: { ...process.env, HTTPS_PROXY: '', HTTP_PROXY: '' } }
      )
      expect(scan.stderr).toBe('')
      expect(scan.status).toBe(0)
      expect(scan.stdout).not.toMatch(/translations/)
      const fresh = parseReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')))
      // The tool checks files concurrently, so its findings come in no fixed order.
      const key = (r: typeof fresh) =>
        r.issues.map((i) => JSON.stringify([i.id, i.file, i.line, i.description])).sort()
      expect(key(fresh)).toEqual(key(recorded('insecure-window')))
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 60_000)

  it('fails on the insecure-window fixture with its HIGH findings', () => {
    const result = evaluate(recorded('insecure-window'), [])
    expect(result.ok).toBe(false)
    expect(result.high.map((f) => `${f.id} ${f.file}`)).toEqual([
      'LIMIT_NAVIGATION_GLOBAL_CHECK N/A',
      'CONTEXT_ISOLATION_JS_CHECK main.js'
    ])
    expect(result.unbaselined.map((f) => f.id)).toContain('SANDBOX_JS_CHECK')
    expect(verdict(result).at(-1)).toMatch(/^electronegativity: FAILED: 2 HIGH/)
  })

  it('fails on HIGH findings even when the baseline lists them', () => {
    const report = recorded('insecure-window')
    const acceptAll = report.issues.map((i) => ({ id: i.id, file: i.file, reason: 'x', count: 9 }))
    const result = evaluate(report, acceptAll)
    expect(result.unbaselined).toEqual([])
    expect(result.high).toHaveLength(2)
    expect(result.ok).toBe(false)
  })

  it('passes on the recorded project scan with the committed baseline', () => {
    const result = evaluate(recorded('project'), baseline)
    expect(result.ok).toBe(true)
    expect(result.findings.length).toBeGreaterThan(0)
    expect(result.findings.every((f) => f.status === 'baseline' && f.reason)).toBe(true)
    expect(result.stale).toEqual([])
    expect(verdict(result).at(-1)).toBe(
      `electronegativity: ${result.findings.length} findings, all in baseline`
    )
    expect(formatTable(result.findings)).toContain('PRELOAD_JS_CHECK')
  })

  it('passes on a clean report', () => {
    const result = evaluate({ electronVersion: '45.4.1', issues: [], errors: [] }, baseline)
    expect(result.ok).toBe(true)
    expect(verdict(result).at(-1)).toBe('electronegativity: 0 findings, all in baseline')
  })

  it('fails when a file could not be parsed', () => {
    const report = recorded('unparseable')
    expect(report.errors).toEqual([
      { file: 'main.js', message: 'Unknown node type ClassPrivateProperty.', tolerable: false }
    ])
    // Even with every finding accepted, the unscanned file alone fails the gate.
    const acceptAll = report.issues.map((i) => ({ id: i.id, file: i.file, reason: 'x', count: 9 }))
    const onlyParseError = { ...report, issues: report.issues.filter((i) => i.severity !== 'HIGH') }
    const result = evaluate(onlyParseError, acceptAll)
    expect(result.high).toEqual([])
    expect(result.unbaselined).toEqual([])
    expect(result.parseErrors).toHaveLength(1)
    expect(result.ok).toBe(false)
    expect(verdict(result).join('\n')).toContain('parse error (file not scanned): main.js')
  })

  it('fails on a finding beyond the accepted count for its check and file', () => {
    const project = recorded('project')
    const extra = { ...project.issues[0], line: 999 }
    const result = evaluate({ ...project, issues: [...project.issues, extra] }, baseline)
    expect(result.ok).toBe(false)
    expect(result.unbaselined).toEqual([expect.objectContaining({ id: extra.id, line: 999 })])
  })

  it('tolerable parser warnings do not fail the gate', () => {
    const warning = { file: 'src/main/x.ts', message: 'recovered', tolerable: true }
    const result = evaluate({ electronVersion: '45.4.1', issues: [], errors: [warning] }, [])
    expect(result.ok).toBe(true)
    expect(result.warnings).toEqual([warning])
  })

  it('rejects a baseline entry without a reason and a malformed report', () => {
    expect(() => parseBaseline({ accepted: [{ id: 'PRELOAD_JS_CHECK', file: 'a.ts' }] })).toThrow(
      /reason/
    )
    expect(() => parseReport({ issues: [] })).toThrow(/electronegativity report/)
    expect(parseReport({ issues: [], errors: [{ file: 'a.js' }] }).errors[0].tolerable).toBe(false)
  })
})
