/**
 * Launch reports (one launch, a selection, or a ticket) as Markdown to paste into Jira or
 * ServiceNow, or HTML to save and print to PDF. Reports are built in main and never hold a secret.
 */
import type { LaunchReport, ReportFormat } from '@shared/domain'
import type { AppError } from '@shared/errors'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'

/** What a report covers. */
export type ReportSource = { ids: string[] } | { ticket: string }

export interface ReportOptions {
  format: ReportFormat
  includePayload: boolean
  maskHosts: boolean
}

export const useReportsStore = defineStore('reports', () => {
  const source = shallowRef<ReportSource>()
  const report = shallowRef<LaunchReport>()
  const error = shallowRef<AppError>()
  const busy = ref(false)
  let seq = 0

  /** Open the report dialog for some launches or a ticket. */
  function openFor(s: ReportSource): void {
    source.value = s
    report.value = undefined
    error.value = undefined
  }

  function close(): void {
    source.value = undefined
    report.value = undefined
    seq++
  }

  function input(options: ReportOptions) {
    const s = source.value
    if (!s) return undefined
    return {
      format: options.format,
      includePayload: options.includePayload,
      maskHosts: options.maskHosts,
      ...('ids' in s ? { ids: s.ids } : { ticket: s.ticket.trim() })
    }
  }

  /** Build the report text for a preview and for copying. */
  async function create(options: ReportOptions): Promise<LaunchReport | undefined> {
    const i = input(options)
    if (!i) return undefined
    const mine = ++seq
    busy.value = true
    try {
      const r = await window.flowx.reports.create(i)
      if (mine !== seq) return undefined
      report.value = r.ok ? r.value : undefined
      error.value = r.ok ? undefined : r.error
      return report.value
    } finally {
      if (mine === seq) busy.value = false
    }
  }

  /** Write the report to a file the user picks; the path, or undefined when cancelled or failed. */
  async function save(options: ReportOptions): Promise<string | undefined> {
    const i = input(options)
    if (!i) return undefined
    busy.value = true
    try {
      const r = await window.flowx.reports.save(i)
      error.value = r.ok ? undefined : r.error
      return r.ok ? r.value.path : undefined
    } finally {
      busy.value = false
    }
  }

  /** Open a launched instance in FlowX Designer (main opens only the profile's Designer origin). */
  async function openInDesigner(profileId: string, url: string): Promise<AppError | undefined> {
    const r = await window.flowx.app.openExternal({ profileId, url })
    return r.ok ? undefined : r.error
  }

  return {
    openInDesigner,
    source,
    report,
    error,
    busy,
    openFor,
    close,
    create,
    save
  }
})
