// Pure logic of the electronegativity gate (security.md BLD-2): read the scan report, compare it
// with the committed baseline, decide. No I/O here, so the unit test runs on recorded reports.
// Types: electronegativity-lib.d.mts.

/** @param {unknown} value */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

/** @param {unknown} value @param {string} what */
function text(value, what) {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${what} must be a string`)
  return value
}

/**
 * Validate a report written by electronegativity-scan.mjs.
 * @param {unknown} raw
 * @returns {import('./electronegativity-lib.d.mts').ScanReport}
 */
export function parseReport(raw) {
  if (!isObject(raw) || !Array.isArray(raw.issues) || !Array.isArray(raw.errors)) {
    throw new Error('not an electronegativity report: expected { issues: [], errors: [] }')
  }
  const issues = raw.issues.map((/** @type {unknown} */ i, n) => {
    if (!isObject(i)) throw new Error(`issues[${n}] is not an object`)
    return {
      id: text(i.id, `issues[${n}].id`),
      severity: text(i.severity, `issues[${n}].severity`).toUpperCase(),
      confidence: typeof i.confidence === 'string' ? i.confidence : '',
      file: text(i.file, `issues[${n}].file`),
      line: typeof i.line === 'number' ? i.line : 0,
      column: typeof i.column === 'number' ? i.column : 0,
      manualReview: i.manualReview === true,
      description: typeof i.description === 'string' ? i.description : ''
    }
  })
  const errors = raw.errors.map((/** @type {unknown} */ e, n) => {
    if (!isObject(e)) throw new Error(`errors[${n}] is not an object`)
    return {
      file: text(e.file, `errors[${n}].file`),
      message: typeof e.message === 'string' ? e.message : '',
      // Anything not explicitly tolerable counts as an unscanned file.
      tolerable: e.tolerable === true
    }
  })
  return {
    electronVersion: typeof raw.electronVersion === 'string' ? raw.electronVersion : undefined,
    issues,
    errors
  }
}

/**
 * Validate the committed baseline: `{ accepted: [{ id, file, reason, count? }] }`.
 * @param {unknown} raw
 * @returns {import('./electronegativity-lib.d.mts').BaselineEntry[]}
 */
export function parseBaseline(raw) {
  if (!isObject(raw) || !Array.isArray(raw.accepted)) {
    throw new Error('baseline must be { "accepted": [ { "id", "file", "reason" } ] }')
  }
  const seen = new Set()
  return raw.accepted.map((/** @type {unknown} */ a, n) => {
    if (!isObject(a)) throw new Error(`accepted[${n}] is not an object`)
    const entry = {
      id: text(a.id, `accepted[${n}].id`),
      file: text(a.file, `accepted[${n}].file`),
      reason: text(a.reason, `accepted[${n}].reason`),
      count: a.count === undefined ? 1 : Number(a.count)
    }
    if (!Number.isInteger(entry.count) || entry.count < 1) {
      throw new Error(`accepted[${n}].count must be a positive integer`)
    }
    const key = `${entry.id} ${entry.file}`
    if (seen.has(key)) throw new Error(`accepted[${n}] repeats ${key}`)
    seen.add(key)
    return entry
  })
}

/**
 * Decide. Fails on any HIGH finding (baseline or not), on findings beyond what the baseline
 * accepts for that check and file, and on any file the tool could not parse.
 * @param {import('./electronegativity-lib.d.mts').ScanReport} report
 * @param {import('./electronegativity-lib.d.mts').BaselineEntry[]} baseline
 * @returns {import('./electronegativity-lib.d.mts').GateResult}
 */
export function evaluate(report, baseline) {
  const byKey = new Map(baseline.map((b) => [`${b.id} ${b.file}`, b]))
  /** @type {Map<string, number>} */
  const used = new Map()
  const findings = report.issues.map((issue) => {
    const key = `${issue.id} ${issue.file}`
    const entry = byKey.get(key)
    const n = (used.get(key) ?? 0) + 1
    used.set(key, n)
    /** @type {import('./electronegativity-lib.d.mts').FindingStatus} */
    let status = entry && n <= entry.count ? 'baseline' : 'new'
    if (issue.severity === 'HIGH') status = 'high'
    return { ...issue, status, reason: entry?.reason }
  })
  const stale = baseline.filter((b) => (used.get(`${b.id} ${b.file}`) ?? 0) < b.count)
  const high = findings.filter((f) => f.status === 'high')
  const unbaselined = findings.filter((f) => f.status === 'new')
  const parseErrors = report.errors.filter((e) => !e.tolerable)
  return {
    ok: high.length === 0 && unbaselined.length === 0 && parseErrors.length === 0,
    findings,
    high,
    unbaselined,
    parseErrors,
    warnings: report.errors.filter((e) => e.tolerable),
    stale
  }
}

/**
 * A short plain-text table of the findings.
 * @param {import('./electronegativity-lib.d.mts').Finding[]} findings
 */
export function formatTable(findings) {
  const rows = findings.map((f) => [
    f.status === 'baseline' ? 'ok' : f.status === 'high' ? 'HIGH!' : 'NEW',
    f.id,
    `${f.severity}/${f.confidence}`,
    `${f.file}:${f.line}:${f.column}`
  ])
  const head = ['status', 'check', 'severity', 'location']
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)))
  const line = (/** @type {string[]} */ r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd()
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/**
 * The verdict lines printed under the table; the last one is the summary.
 * @param {import('./electronegativity-lib.d.mts').GateResult} result
 * @returns {string[]}
 */
export function verdict(result) {
  const out = []
  for (const e of result.parseErrors)
    out.push(`parse error (file not scanned): ${e.file}: ${e.message}`)
  for (const w of result.warnings) out.push(`parse warning: ${w.file}: ${w.message}`)
  for (const f of result.high)
    out.push(`HIGH finding: ${f.id} at ${f.file}:${f.line} ${f.description}`)
  for (const f of result.unbaselined) {
    out.push(`not in baseline: ${f.id} at ${f.file}:${f.line} ${f.description}`)
  }
  for (const s of result.stale) {
    out.push(`note: baseline entry ${s.id} ${s.file} (count ${s.count}) no longer fully matched`)
  }
  const n = result.findings.length
  if (result.ok) {
    out.push(`electronegativity: ${n} finding${n === 1 ? '' : 's'}, all in baseline`)
  } else {
    out.push(
      `electronegativity: FAILED: ${result.high.length} HIGH, ${result.unbaselined.length} not in baseline, ` +
        `${result.parseErrors.length} unparsed file(s), of ${n} finding${n === 1 ? '' : 's'}`
    )
  }
  return out
}
