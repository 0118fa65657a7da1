/**
 * The zod schemas a launch needs (ids, process name, target, platform, bearer token, variables,
 * the history's retention rule), apart from the rest; schemas.ts re-exports them. Built from the
 * zod-free rules of limits.ts and launch-rules.ts, which the CLI's start path uses instead.
 */
import { z } from 'zod'

import {
  PLATFORM_MESSAGE,
  PLATFORM_PATTERN,
  TOKEN_CHARACTERS,
  TOKEN_MAX,
  TOKEN_PATTERN,
  TOKEN_REQUIRED,
  TOKEN_TOO_LONG,
  VARIABLE_NAME_MESSAGE,
  VARIABLE_NAME_PATTERN,
  VARIABLE_VALUE_MAX,
  VARIABLE_VALUE_TOO_LONG,
  VARIABLES_MAX,
  VARIABLES_TOO_MANY,
  variableNameInTable
} from './launch-rules'
import {
  ID_MESSAGE,
  ID_PATTERN,
  PROCESS_NAME_CONTROL,
  PROCESS_NAME_MAX,
  PROCESS_NAME_PATTERN,
  PROCESS_NAME_REQUIRED,
  PROCESS_NAME_TOO_LONG
} from './limits'

/** A FlowX id (workspace, app, build): a UUID or a plain token of safe characters. */
export const FlowxId = z.string().trim().regex(ID_PATTERN, ID_MESSAGE)

/** An id field that may be left empty in a draft or in profile defaults. */
export const OptionalFlowxId = z.union([z.literal(''), FlowxId])

/** Process names may hold brackets, spaces and non-ASCII; control characters are refused. */
export const ProcessName = z
  .string()
  .trim()
  .min(1, PROCESS_NAME_REQUIRED)
  .max(PROCESS_NAME_MAX, PROCESS_NAME_TOO_LONG)
  .regex(PROCESS_NAME_PATTERN, PROCESS_NAME_CONTROL)

/** Our own record and request ids. */
export const LocalId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Invalid id.')

export const BuildTarget = z.strictObject({
  mode: z.literal('build'),
  appId: FlowxId,
  buildId: FlowxId,
  processName: ProcessName
})

export const WorkspaceTarget = z.strictObject({
  mode: z.literal('workspace'),
  workspaceId: FlowxId,
  appId: FlowxId,
  processName: ProcessName
})

export const StartTargetSchema = z.discriminatedUnion('mode', [BuildTarget, WorkspaceTarget])

/** The Flowx-Platform header value: a short word (web, mobile, android, ios…). */
export const PlatformSchema = z.string().trim().regex(PLATFORM_PATTERN, PLATFORM_MESSAGE)

/** A bearer token as pasted: printable ASCII, bounded. */
export const BearerTokenSchema = z
  .string()
  .trim()
  .min(1, TOKEN_REQUIRED)
  .max(TOKEN_MAX, TOKEN_TOO_LONG)
  .regex(TOKEN_PATTERN, TOKEN_CHARACTERS)

/** A `{{variable}}` name as a variables table or `--var` gives it. */
export const VariableName = z.string().trim().regex(VARIABLE_NAME_PATTERN, VARIABLE_NAME_MESSAGE)

/** A variables table: profile variables, saved-launch defaults, per-launch overrides. */
export const VariablesSchema = z
  .record(z.string(), z.string().max(VARIABLE_VALUE_MAX, VARIABLE_VALUE_TOO_LONG))
  .superRefine((table, ctx) => {
    const names = Object.keys(table)
    if (names.length > VARIABLES_MAX) ctx.addIssue({ code: 'custom', message: VARIABLES_TOO_MANY })
    const bad = names.find((name) => !VARIABLE_NAME_PATTERN.test(name))
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', path: [bad], message: variableNameInTable(bad) })
    }
  })

/** The history's retention rule (the settings' `app.retention`), applied by every command that writes. */
export const RetentionSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('forever') }),
  z.strictObject({ mode: z.literal('days'), days: z.number().int().min(1).max(36_500) }),
  z.strictObject({ mode: z.literal('count'), launches: z.number().int().min(1).max(10_000_000) })
])
