/**
 * A batch row resolved through the template engine: the row's columns are variables, between the
 * launch's overrides and the saved launch's defaults (DESIGN.md §8). Built-ins ($uuid…) get a
 * fresh value per row.
 */
import type { StartTarget } from '../../shared/domain'
import {
  resolveLaunch,
  TemplateError,
  type LaunchTemplate,
  type TemplateScope
} from '../../shared/templates'
import { withExpectations } from './expectations'
import type { RowError, RowResolver } from './types'

/** What a batch runs: a saved launch or the current form, and the scope around the rows. */
export interface BatchTemplate {
  template: LaunchTemplate
  /** Values that win over the row (the form's own `--var` values). */
  overrides?: Record<string, string>
  savedDefaults?: Record<string, string>
  profileVariables?: Record<string, string>
  profileDefaults?: TemplateScope['profileDefaults']
  /** Answers to `{{?Label}}` prompts, asked once for the whole batch. */
  prompts?: Record<string, string>
  builtins?: TemplateScope['builtins']
}

export function templateRowResolver(source: BatchTemplate): RowResolver {
  return (row) => {
    try {
      const resolved = resolveLaunch(source.template, {
        ...(source.overrides ? { overrides: source.overrides } : {}),
        batchRow: row.values,
        ...(source.savedDefaults ? { savedDefaults: source.savedDefaults } : {}),
        ...(source.profileVariables ? { profileVariables: source.profileVariables } : {}),
        ...(source.profileDefaults ? { profileDefaults: source.profileDefaults } : {}),
        ...(source.prompts ? { prompts: source.prompts } : {}),
        ...(source.builtins ? { builtins: source.builtins } : {})
      })
      const target: StartTarget =
        resolved.mode === 'build'
          ? {
              mode: 'build',
              appId: resolved.appId,
              buildId: resolved.buildId,
              processName: resolved.processName
            }
          : {
              mode: 'workspace',
              workspaceId: resolved.workspaceId,
              appId: resolved.appId,
              processName: resolved.processName
            }
      const variables: Record<string, string> = {}
      for (const v of resolved.variables) variables[v.name] = v.value
      const sentAsText = resolved.sentAsText.length > 0 ? { sentAsText: resolved.sentAsText } : {}
      return {
        ok: true,
        resolved: { row: row.row, target, payload: resolved.payload, variables, ...sentAsText }
      }
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error
      return { ok: false, row: row.row, errors: [rowErrorOf(error)] }
    }
  }
}

/** The resolver of a run: its template, and the check of each row's expected outcome. */
export function specResolver(spec: { source: BatchTemplate; expectColumn?: string }): RowResolver {
  return withExpectations(templateRowResolver(spec.source), spec.expectColumn)
}

function rowErrorOf(error: TemplateError): RowError {
  return {
    kind: error.kind === 'unresolved' || error.kind === 'prompt' ? 'unresolved' : 'invalid-row',
    message: error.message
  }
}
