// Types for electronegativity-lib.mjs (plain JS so the gate runs on Node without a compile step).

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | (string & {})

export interface Issue {
  id: string
  severity: Severity
  confidence: string
  /** Path relative to the scanned root, or "N/A" for some global checks. */
  file: string
  line: number
  column: number
  manualReview: boolean
  description: string
}

export interface ScanError {
  file: string
  message: string
  /** false: the file could not be parsed and was not scanned. */
  tolerable: boolean
}

export interface ScanReport {
  electronVersion: string | undefined
  issues: Issue[]
  errors: ScanError[]
}

export interface BaselineEntry {
  id: string
  file: string
  reason: string
  /** How many findings of this check in this file are accepted (default 1). */
  count: number
}

export type FindingStatus = 'baseline' | 'new' | 'high'

export interface Finding extends Issue {
  status: FindingStatus
  reason: string | undefined
}

export interface GateResult {
  ok: boolean
  findings: Finding[]
  high: Finding[]
  unbaselined: Finding[]
  parseErrors: ScanError[]
  warnings: ScanError[]
  stale: BaselineEntry[]
}

export function parseReport(raw: unknown): ScanReport
export function parseBaseline(raw: unknown): BaselineEntry[]
export function evaluate(report: ScanReport, baseline: BaselineEntry[]): GateResult
export function formatTable(findings: Finding[]): string
export function verdict(result: GateResult): string[]
