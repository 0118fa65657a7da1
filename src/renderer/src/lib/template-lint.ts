/**
 * What the payload editor and the id fields show about `{{…}}` placeholders, from the shared
 * template engine: each placeholder's value and where it comes from (hover), the problems that
 * would stop a send (unknown variable, malformed or unterminated `{{`, JSON that is invalid once
 * resolved), and warnings that do not (a value outside quotes that is not JSON, sent as a string).
 * Nothing is generated for real here: built-ins show an example, prompts are asked at send time.
 */
import { parsePayload } from '@shared/payload'
import {
  asJsonLiteral,
  asJsonStringContent,
  defaultBuiltinSource,
  describeOffset,
  generateBuiltin,
  isBuiltin,
  jsonLiteralOf,
  scanTemplate,
  shownValue,
  suggestBuiltin,
  TemplateError,
  TemplateResolver,
  type Placeholder,
  type TemplateScope,
  type VariableSource
} from '@shared/templates'

import { errorOffset } from './json-position'

/** The layers the form knows before sending (no prompts answered, no built-in generated). */
export type LintScope = Pick<
  TemplateScope,
  'overrides' | 'savedDefaults' | 'profileVariables' | 'profileDefaults'
>

export type PlaceholderSource = VariableSource | 'unknown'

export interface PlaceholderInfo extends Placeholder {
  source: PlaceholderSource
  /** The value it resolves to now; for a built-in, an example of what it generates. */
  value?: string
}

export interface TemplateIssue {
  from: number
  to: number
  message: string
}

export interface TemplateInspection {
  placeholders: PlaceholderInfo[]
  /** Problems that stop a send. */
  issues: TemplateIssue[]
  /** What is sent, but probably not as meant. */
  warnings: TemplateIssue[]
}

/** How each source is named to the user. */
export const SOURCE_LABELS: Record<PlaceholderSource, string> = {
  override: 'this launch',
  batch: 'batch row',
  saved: 'saved launch default',
  profile: 'profile variable',
  'profile-default': 'profile default id',
  prompt: 'asked when you send',
  builtin: 'built-in, new at each send',
  unknown: 'no value'
}

/** A value for a name in a throw-away resolver, or why it has none. */
function lookup(
  name: string,
  scope: LintScope
): { value: string; source: VariableSource } | { problem: string } {
  const resolver = new TemplateResolver(scope)
  try {
    const value = resolver.resolve(`{{${name}}}`, { json: false })
    const source = resolver.variables.find((v) => v.name === name)?.source ?? 'override'
    return { value, source }
  } catch (e) {
    if (e instanceof TemplateError) return { problem: e.message }
    throw e
  }
}

function unknownMessage(name: string): string {
  return `Unknown variable {{${name}}}: give it a value for this launch, in the saved launch's defaults or in the profile's variables.`
}

/** Placeholders with their values, and everything that would stop a send. */
export function inspectTemplate(text: string, scope: LintScope, json = true): TemplateInspection {
  if (!text.includes('{{')) {
    return {
      placeholders: [],
      issues: json ? resolvedJsonIssues(text, text, []) : [],
      warnings: []
    }
  }
  const scan = scanTemplate(text, json)
  const issues: TemplateIssue[] = scan.errors.map((e) => ({
    from: e.from,
    to: e.to,
    message: e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.'
  }))
  const known = new Map<string, { value?: string; source: PlaceholderSource; problem?: string }>()
  const placeholders: PlaceholderInfo[] = scan.placeholders.map((p) => {
    let found = known.get(p.name)
    if (!found) {
      if (p.kind === 'prompt') found = { source: 'prompt' }
      else if (p.kind === 'builtin' && !hasOwnValue(p.name, scope)) {
        found = isBuiltin(p.name)
          ? { source: 'builtin', value: generateBuiltin(p.name, defaultBuiltinSource) }
          : { source: 'unknown', problem: unknownBuiltin(p.name) }
      } else {
        const r = lookup(p.name, scope)
        found =
          'problem' in r
            ? {
                source: 'unknown',
                problem: r.problem.includes('has no value') ? unknownMessage(p.name) : r.problem
              }
            : r
      }
      known.set(p.name, found)
    }
    if (found.problem) issues.push({ from: p.from, to: p.to, message: found.problem })
    return { ...p, source: found.source, value: found.value }
  })
  if (json && scan.errors.length === 0) {
    const { resolved, map } = substitute(text, placeholders)
    issues.push(...resolvedJsonIssues(text, resolved, map))
  }
  issues.sort((a, b) => a.from - b.from)
  return { placeholders, issues, warnings: json ? textInBare(placeholders) : [] }
}

/**
 * Placeholders outside quotes whose value is not a JSON value: the engine sends it as a string,
 * which is rarely what `"amount": {{amount}}` means. Built-ins and prompts are left out (a prompt's
 * answer is not known yet; a built-in's example is not what is sent).
 */
function textInBare(placeholders: readonly PlaceholderInfo[]): TemplateIssue[] {
  const warnings: TemplateIssue[] = []
  for (const p of placeholders) {
    if (p.inString || p.value === undefined) continue
    if (p.source === 'builtin' || p.source === 'prompt' || p.source === 'unknown') continue
    if (jsonLiteralOf(p.value) !== undefined) continue
    warnings.push({
      from: p.from,
      to: p.to,
      message: `{{${p.name}}} is outside quotes but “${shownValue(p.value)}” is not a number, true, false, null or JSON: it is sent as a string. Quote the placeholder if text is meant.`
    })
  }
  return warnings
}

function hasOwnValue(name: string, scope: LintScope): boolean {
  return [scope.overrides, scope.savedDefaults, scope.profileVariables].some(
    (layer) => !!layer && Object.hasOwn(layer, name)
  )
}

function unknownBuiltin(name: string): string {
  const suggestion = suggestBuiltin(name)
  return `{{${name}}} is not a built-in${suggestion ? `; did you mean {{${suggestion}}}?` : '.'}`
}

/** One replaced stretch: where it sits in the template and in the resolved text. */
interface Segment {
  from: number
  to: number
  outFrom: number
  outTo: number
}

/**
 * The text with every placeholder replaced by its value (or a stand-in string for prompts and
 * unknown names, so the JSON around them can still be checked), and where each replacement went.
 */
function substitute(
  text: string,
  placeholders: readonly PlaceholderInfo[]
): { resolved: string; map: Segment[] } {
  const parts: string[] = []
  const map: Segment[] = []
  let last = 0
  let out = 0
  for (const p of placeholders) {
    const before = text.slice(last, p.from)
    parts.push(before)
    out += before.length
    const value = p.value ?? 'value'
    const inserted = p.inString ? asJsonStringContent(value) : asJsonLiteral(value)
    parts.push(inserted)
    map.push({ from: p.from, to: p.to, outFrom: out, outTo: out + inserted.length })
    out += inserted.length
    last = p.to
  }
  parts.push(text.slice(last))
  return { resolved: parts.join(''), map }
}

/** A resolved-text offset back in the template (inside a replacement: the placeholder itself). */
function templateOffset(offset: number, map: readonly Segment[]): { from: number; to?: number } {
  let shift = 0
  for (const s of map) {
    if (offset < s.outFrom) break
    if (offset < s.outTo) return { from: s.from, to: s.to }
    shift = s.to - s.outTo
  }
  return { from: offset + shift }
}

function resolvedJsonIssues(text: string, resolved: string, map: Segment[]): TemplateIssue[] {
  const r = parsePayload(resolved)
  if (r.ok) return []
  const at = errorOffset(resolved, r.error.message)
  if (at === undefined) return [{ from: 0, to: text.length, message: r.error.message }]
  const place = templateOffset(at, map)
  const from = Math.min(place.from, text.length)
  const to = Math.min(place.to ?? from + 1, text.length)
  const where = describeOffset(text, from)
  const message = r.error.message.replace(/line \d+, column \d+/, where)
  const prefix = map.length > 0 ? 'Once resolved, the payload is invalid. ' : ''
  return [{ from, to: Math.max(from, to), message: prefix + message }]
}

/** The short line a hover shows for a placeholder. */
export function describePlaceholder(p: PlaceholderInfo): string {
  if (p.kind === 'prompt') return `Asked when you send: “${p.name.slice(1)}”`
  if (p.source === 'unknown') return `{{${p.name}}} has no value`
  if (p.source === 'builtin')
    return `{{${p.name}}} → e.g. ${p.value ?? ''} (${SOURCE_LABELS.builtin})`
  return `{{${p.name}}} = ${p.value ?? ''} (${SOURCE_LABELS[p.source]})`
}

/** The profile's layers of the scope: its variables table and its default ids. */
export function profileScope(
  profile:
    { defaults: LintScope['profileDefaults']; variables?: Record<string, string> } | undefined
): Pick<LintScope, 'profileVariables' | 'profileDefaults'> {
  if (!profile) return {}
  return { profileVariables: profile.variables ?? {}, profileDefaults: profile.defaults }
}

/**
 * The target with the `{{variables}}` that have a value filled in, for the URL preview. A field
 * whose placeholders cannot all be resolved yet (a prompt, an unknown name) stays as written;
 * built-ins are left as written too (they get their value at send time).
 */
export function previewTarget<T extends Record<string, string>>(target: T, scope: LintScope): T {
  const out: Record<string, string> = { ...target }
  for (const [key, value] of Object.entries(target)) {
    if (key === 'mode' || !value.includes('{{')) continue
    const { placeholders, issues } = inspectTemplate(value, scope, false)
    if (issues.length || placeholders.some((p) => p.kind !== 'variable')) continue
    let text = ''
    let last = 0
    for (const p of placeholders) {
      text += value.slice(last, p.from) + (p.value ?? '')
      last = p.to
    }
    out[key] = (text + value.slice(last)).trim()
  }
  return out as T
}
