/**
 * The saved-launch file: `<slug>.launch.json`, human-readable and diffable. Keys in a fixed order,
 * variables sorted, the payload embedded as pretty-printed JSON when it is JSON (literals kept as
 * written, so 64-bit ids survive) or as `payloadText` when bare placeholders make it a template
 * only. A `version` is checked with zod on every read; older versions are upgraded by pure
 * migrations. Never a secret: a token-looking value is refused on save.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser'
import { z } from 'zod'

import { formatPayload, jsonSyntaxProblem, parsePayload } from '../../shared/payload'
import type { SavedLaunch } from '../../shared/workbench'
import { SavedLaunchSchema } from '../../shared/workbench-schemas'
import type { StoreMigration } from '../stores/open-store'

export const LAUNCH_SUFFIX = '.launch.json'
export const LAUNCH_KIND = 'flowx-launcher/launch'
export const LAUNCH_VERSION = 1

/**
 * Upgrades, oldest first: index n takes a file at version n + 1 to n + 2. Version 1 is the first
 * format, so there is nothing to upgrade yet; the reader applies whatever is listed here.
 */
export const LAUNCH_MIGRATIONS: readonly StoreMigration[] = []

/** The fields of a version-1 file besides the payload. */
const LaunchFileSchema = z.strictObject({
  kind: z.literal(LAUNCH_KIND),
  version: z.number(),
  name: z.string(),
  description: z.string().default(''),
  tags: z.array(z.string()).default([]),
  target: z.strictObject({
    mode: z.enum(['build', 'workspace']),
    workspaceId: z.string().default(''),
    appId: z.string().default(''),
    buildId: z.string().default(''),
    processName: z.string().default('')
  }),
  variables: z.record(z.string(), z.string()).default({}),
  ticket: z.string().default(''),
  notes: z.string().default(''),
  payload: z.record(z.string(), z.unknown()).optional(),
  payloadText: z.string().optional()
})

const PAYLOAD_MARK = '\u0000payload\u0000'

/** A file name for a saved launch name: lower-case ASCII words joined by dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  return slug || 'saved-launch'
}

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/

/** Why a saved launch must not be written: it seems to hold a token. */
export function secretProblem(launch: SavedLaunch): string | undefined {
  const fields: [string, string][] = [
    ['the payload', launch.payload],
    ['the description', launch.description],
    ['the notes', launch.notes],
    ['the ticket', launch.ticket],
    ...Object.entries(launch.target).map(([k, v]): [string, string] => [`the ${k}`, v]),
    ...Object.entries(launch.variables).map(([k, v]): [string, string] => [`the variable ${k}`, v])
  ]
  for (const [where, text] of fields) {
    if (JWT.test(text) || BEARER.test(text)) {
      return `There is what looks like an access token in ${where}. Saved launches never hold tokens: the profile provides one at send time.`
    }
  }
  return undefined
}

/** The file text of a saved launch: fixed key order, two-space JSON, trailing newline. */
export function launchFileText(launch: SavedLaunch): string {
  const payload = launch.payload.trim() === '' ? '{}' : launch.payload
  const embedded = parsePayload(payload).ok || isOnlyTooLarge(payload)
  const variables = Object.fromEntries(
    Object.entries(launch.variables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  )
  const file = {
    kind: LAUNCH_KIND,
    version: LAUNCH_VERSION,
    name: launch.name.trim(),
    description: launch.description,
    tags: launch.tags.map((t) => t.trim()),
    target: {
      mode: launch.target.mode,
      workspaceId: launch.target.workspaceId.trim(),
      appId: launch.target.appId.trim(),
      buildId: launch.target.buildId.trim(),
      processName: launch.target.processName.trim()
    },
    variables,
    ticket: launch.ticket.trim(),
    notes: launch.notes,
    ...(embedded ? { payload: PAYLOAD_MARK } : { payloadText: launch.payload })
  }
  const text = JSON.stringify(file, null, 2)
  if (!embedded) return `${text}\n`
  const pretty = formatPayload(payload).replace(/\n/g, '\n  ')
  return `${text.replace(JSON.stringify(PAYLOAD_MARK), () => pretty)}\n`
}

function isOnlyTooLarge(payload: string): boolean {
  const checked = parsePayload(payload)
  return !checked.ok && checked.error.code === 'PAYLOAD_TOO_LARGE' && !jsonSyntaxProblem(payload)
}

export type LaunchFileRead = { ok: true; launch: SavedLaunch } | { ok: false; problem: string }

/** Read a saved-launch file's text, with a specific message for what is wrong. */
export function parseLaunchFile(
  text: string,
  migrations: readonly StoreMigration[] = LAUNCH_MIGRATIONS,
  /** For lists: every check, but the payload is not read back (it comes out as ''). */
  options: { summary?: boolean } = {}
): LaunchFileRead {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    const syntax = jsonSyntaxProblem(text) ?? 'an unexpected place'
    return { ok: false, problem: `Not valid JSON at ${syntax}.` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'Not a saved launch: the file is not a JSON object.' }
  }
  const current = migrations.length + 1
  const version = (value as { version?: unknown }).version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, problem: 'Not a saved launch: "version" is missing or not a whole number.' }
  }
  if (version > current) {
    return {
      ok: false,
      problem: `Written by a newer FlowX Launcher (saved-launch version ${version}); update the app to open it.`
    }
  }
  let raw = text
  try {
    for (let v = version; v < current; v++) {
      value = { ...migrations[v - 1](value as Record<string, unknown>), version: v + 1 }
      // An upgraded file has no original text; its payload is read back from the value.
      raw = ''
    }
  } catch (error) {
    return {
      ok: false,
      problem: `Cannot upgrade from version ${version}: ${(error as Error).message}`
    }
  }
  const parsed = LaunchFileSchema.safeParse(value)
  if (!parsed.success) return { ok: false, problem: issueText('Not a saved launch', parsed.error) }
  const file = parsed.data
  const embedded = (): string =>
    file.payload === undefined
      ? '{}'
      : (embeddedPayload(raw) ?? JSON.stringify(file.payload, null, 2))
  const payload = options.summary ? '' : (file.payloadText ?? embedded())
  const launch = SavedLaunchSchema.safeParse({
    name: file.name,
    description: file.description,
    tags: file.tags,
    target: file.target,
    payload,
    variables: file.variables,
    ticket: file.ticket,
    notes: file.notes
  })
  if (!launch.success)
    return { ok: false, problem: issueText('Cannot use this saved launch', launch.error) }
  return { ok: true, launch: launch.data }
}

/** The payload exactly as written in the file (re-indented), so its literals are not rounded. */
function embeddedPayload(text: string): string | undefined {
  if (text === '') return undefined
  const root = parseTree(text, [], { disallowComments: true })
  const node = root && findNodeAtLocation(root, ['payload'])
  if (!node) return undefined
  return formatPayload(text.slice(node.offset, node.offset + node.length))
}

function issueText(prefix: string, error: z.ZodError): string {
  const issue = error.issues[0]
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
  return `${prefix}${where}: ${issue?.message ?? 'unexpected content'}.`
}
