/**
 * Launch reports for support tickets: one launch, a selection, or every launch of a ticket, as
 * Markdown or HTML. Built from the ledger (which never holds a token) and passed through the
 * redactor, so a secret that slipped into a payload or an error is masked too.
 */
import type {
  HistoryPage,
  HistoryQuery,
  LaunchRecord,
  LaunchReport,
  ReportFormat
} from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { FileDialogs } from '../ports'
import { reportModel } from './model'
import { renderHtml, renderMarkdown } from './render'

/** The ledger calls a report needs (awaited: the ledger may answer from a worker). */
export interface ReportLedger {
  get(id: string): LaunchRecord | undefined | Promise<LaunchRecord | undefined>
  search(query: HistoryQuery): HistoryPage | Promise<HistoryPage>
}

export interface ReportRequest {
  format: ReportFormat
  ids?: string[]
  ticket?: string
  /** Default true. */
  includePayload?: boolean
  /** Default false. */
  maskHosts?: boolean
}

export interface ReportDeps {
  ledger: ReportLedger
  /** Masks every secret and token the app knows (the core Redactor's redactText). */
  redact: (text: string) => string
  version: string
  now?: () => Date
}

/** Most launches one report takes (a ticket with more is cut, and says so). */
export const MAX_REPORT_LAUNCHES = 500

export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  /** The launches a request names, oldest first for a ticket, in the given order for ids. */
  async records(request: ReportRequest): Promise<LaunchRecord[]> {
    if (request.ids && request.ids.length > 0) {
      const found: LaunchRecord[] = []
      for (const id of request.ids) {
        const record = await this.deps.ledger.get(id)
        if (!record) {
          throw new AppFailure('RECORD_NOT_FOUND', `No launch ${id} in the history.`, {
            hint: 'Copy the id from `flowx-launcher history --json` or the history list.'
          })
        }
        found.push(record)
      }
      return found
    }
    const ticket = request.ticket?.trim()
    if (!ticket)
      throw new AppFailure('INVALID_INPUT', 'Choose launches or a ticket for the report.')
    const ids: string[] = []
    let cursor: string | undefined
    do {
      const page = await this.deps.ledger.search({
        ticket,
        limit: 200,
        ...(cursor ? { cursor } : {})
      })
      ids.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor
    } while (cursor !== undefined && ids.length < MAX_REPORT_LAUNCHES)
    if (ids.length === 0) {
      throw new AppFailure('RECORD_NOT_FOUND', `No launch carries the ticket ${ticket}.`, {
        hint: 'Launches get a ticket in the launch form or with `start --ticket`.'
      })
    }
    const records: LaunchRecord[] = []
    for (const id of ids.slice(0, MAX_REPORT_LAUNCHES).reverse()) {
      const record = await this.deps.ledger.get(id)
      if (record) records.push(record)
    }
    return records
  }

  async create(request: ReportRequest): Promise<LaunchReport> {
    const records = await this.records(request)
    const createdAt = (this.deps.now?.() ?? new Date()).toISOString()
    const model = reportModel(
      records,
      {
        includePayload: request.includePayload ?? true,
        maskHosts: request.maskHosts ?? false,
        createdAt,
        version: this.deps.version,
        ...(request.ticket ? { ticket: request.ticket.trim() } : {})
      },
      this.deps.redact
    )
    const text = request.format === 'html' ? renderHtml(model) : renderMarkdown(model)
    return {
      format: request.format,
      // The whole text once more: nothing the redactor knows leaves in any field.
      text: this.deps.redact(text),
      fileName: reportFileName(request, records, createdAt),
      count: records.length
    }
  }

  /** Write the report where the user picks; undefined path when they cancelled. */
  async save(
    request: ReportRequest,
    files: FileDialogs
  ): Promise<{ path?: string; count: number }> {
    const report = await this.create(request)
    const filter =
      report.format === 'html'
        ? { name: 'Launch report (HTML)', extensions: ['html'] }
        : { name: 'Launch report (Markdown)', extensions: ['md'] }
    const path = await files.saveText(report.fileName, report.text, filter)
    return { ...(path ? { path } : {}), count: report.count }
  }
}

/** `launch-report-<ticket or process>-<date>.<md|html>`, safe on every file system. */
export function reportFileName(
  request: ReportRequest,
  records: LaunchRecord[],
  createdAt: string
): string {
  const subject =
    request.ticket ??
    (records.length === 1 ? records[0]?.processName : `${records.length}-launches`)
  const slug = (subject ?? 'launches')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase()
  return `launch-report-${slug || 'launches'}-${createdAt.slice(0, 10)}.${request.format}`
}
