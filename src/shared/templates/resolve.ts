/**
 * Resolving `{{…}}` placeholders. Values are looked up in this order (DESIGN.md §8): the launch's
 * own overrides → batch row → saved launch defaults → profile variables (and the profile's default
 * ids as `workspaceId`, `appId`, `buildId`) → built-ins. Prompts (`{{?Label}}`) take the answer
 * given at send time.
 *
 * Inside JSON, a placeholder within a string is inserted JSON-escaped; a bare placeholder in value
 * position is inserted as a JSON literal (number, true/false/null, object, array, "string") when
 * its value is one, and as a JSON string otherwise, so valid templated JSON stays valid. Every name
 * resolves once per launch: `{{$uuid}}` twice gives the same value twice, and the ledger records
 * one value per name. Values may refer to other variables (`cust-{{$randomInt}}`).
 */
import {
  generateBuiltin,
  suggestBuiltin,
  defaultBuiltinSource,
  type BuiltinSource
} from './builtins'
import { describeOffset, scanTemplate } from './scan'

export type VariableSource =
  'override' | 'batch' | 'saved' | 'profile' | 'profile-default' | 'prompt' | 'builtin'

export interface ResolvedVariable {
  /** As written in the placeholder: `customerId`, `$uuid`, `?Customer id`. */
  name: string
  value: string
  source: VariableSource
}

export interface TemplateScope {
  /** `--var` values and the form's own values: they win over everything. */
  overrides?: Readonly<Record<string, string>>
  /** The current row of a batch run. */
  batchRow?: Readonly<Record<string, string>>
  /** The saved launch's default values. */
  savedDefaults?: Readonly<Record<string, string>>
  /** The active profile's variables table. */
  profileVariables?: Readonly<Record<string, string>>
  /** The active profile's default ids, available as workspaceId / appId / buildId when set. */
  profileDefaults?: Readonly<{ workspaceId?: string; appId?: string; buildId?: string }>
  /** Answers to `{{?Label}}` prompts, keyed by the label (without the `?`). */
  prompts?: Readonly<Record<string, string>>
  /** Randomness and clock for built-ins; tests pass fixed ones. */
  builtins?: BuiltinSource
}

export type TemplateErrorKind = 'syntax' | 'unresolved' | 'unknown-builtin' | 'prompt' | 'cycle'

/** Why a template could not be resolved. Nothing may be sent after one of these. */
export class TemplateError extends Error {
  constructor(
    readonly kind: TemplateErrorKind,
    message: string,
    /** The variable concerned (as written), when there is one. */
    readonly variable?: string,
    /** Offset in the text where it happened. */
    readonly offset?: number,
    /** Prompt labels still unanswered (kind 'prompt'). */
    readonly prompts: string[] = [],
    /** The field of the text the offset is in ("the payload", "the app id"). */
    readonly field?: string
  ) {
    super(message)
    this.name = 'TemplateError'
  }
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
const MAX_NESTING = 10

/** The value as JSON text for a bare placeholder: itself when it is a JSON value, else a string. */
export function asJsonLiteral(value: string): string {
  return jsonLiteralOf(value) ?? JSON.stringify(value)
}

/** The value itself (trimmed) when it is a JSON value, else undefined. */
export function jsonLiteralOf(value: string): string | undefined {
  const trimmed = value.trim()
  if (trimmed === 'true' || trimmed === 'false' || trimmed === 'null') return trimmed
  if (NUMBER.test(trimmed)) return trimmed
  const first = trimmed[0]
  if (first === '{' || first === '[' || first === '"') {
    try {
      JSON.parse(trimmed)
      return trimmed
    } catch {
      // Not JSON (or nested beyond the engine's stack).
    }
  }
  return undefined
}

/** The value escaped for the inside of a JSON string literal. */
export function asJsonStringContent(value: string): string {
  const quoted = JSON.stringify(value)
  return quoted.slice(1, -1)
}

const PROFILE_DEFAULT_NAMES = new Set(['workspaceId', 'appId', 'buildId'])

/** Where each place a text is resolved is called in messages: "in the payload", "in the app id". */
export interface ResolveOptions {
  /** JSON payload (string-aware insertion) or plain text (ids, process name). */
  json: boolean
  /** "the payload", "the app id"… */
  field?: string
}

/** One launch's resolution: every name gets one value, recorded with where it came from. */
export class TemplateResolver {
  private readonly resolved = new Map<string, ResolvedVariable>()
  private readonly source: BuiltinSource
  /** Names whose value stood outside quotes in JSON but was not a JSON value (sent as a string). */
  private readonly textInBare = new Set<string>()

  constructor(private readonly scope: TemplateScope = {}) {
    this.source = scope.builtins ?? defaultBuiltinSource
  }

  /** The values used so far, in first-use order. */
  get variables(): ResolvedVariable[] {
    return [...this.resolved.values()]
  }

  /**
   * Placeholders outside quotes in JSON whose value was not a JSON value (`"amount": {{amount}}`
   * with `12,5`): they were sent as strings, which a data file rarely means.
   */
  get sentAsText(): string[] {
    return [...this.textInBare]
  }

  /** name → value of everything used so far (what the ledger keeps). */
  values(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const v of this.resolved.values()) out[v.name] = v.value
    return out
  }

  /** The text with every placeholder replaced; throws TemplateError on the first problem. */
  resolve(text: string, options: ResolveOptions): string {
    if (!text.includes('{{')) return text
    return this.resolveNested(text, options, [])
  }

  private resolveNested(text: string, options: ResolveOptions, chain: string[]): string {
    const field = options.field ?? (options.json ? 'the payload' : 'the text')
    const { placeholders, errors } = scanTemplate(text, options.json)
    if (errors.length > 0) {
      const first = errors[0]
      const where = chain.length > 0 ? `the value of {{${chain[chain.length - 1]}}}` : field
      throw new TemplateError(
        'syntax',
        `In ${where} at ${describeOffset(text, first.from)}: ${first.message}.`,
        undefined,
        chain.length > 0 ? undefined : first.from,
        [],
        chain.length > 0 ? undefined : field
      )
    }
    const missingPrompts = placeholders
      .filter((p) => p.kind === 'prompt' && this.lookupPrompt(p.name) === undefined)
      .map((p) => p.name.slice(1))
    if (missingPrompts.length > 0) {
      const unique = [...new Set(missingPrompts)]
      throw new TemplateError(
        'prompt',
        `Answer ${unique.map((l) => `“${l}”`).join(', ')} before sending.`,
        `?${unique[0]}`,
        undefined,
        unique
      )
    }
    const parts: string[] = []
    let last = 0
    for (const p of placeholders) {
      parts.push(text.slice(last, p.from))
      const at = chain.length > 0 ? undefined : { offset: p.from, field }
      const value = this.valueOf(
        p.name,
        chain,
        () => `${field} at ${describeOffset(text, p.from)}`,
        at
      )
      if (!options.json) parts.push(value)
      else if (p.inString) parts.push(asJsonStringContent(value))
      else {
        const literal = jsonLiteralOf(value)
        if (literal === undefined && chain.length === 0) this.textInBare.add(p.name)
        parts.push(literal ?? JSON.stringify(value))
      }
      last = p.to
    }
    parts.push(text.slice(last))
    return parts.join('')
  }

  private lookupPrompt(name: string): string | undefined {
    const answers = this.scope.prompts
    const label = name.slice(1)
    return answers && Object.hasOwn(answers, label) ? answers[label] : undefined
  }

  private valueOf(
    name: string,
    chain: string[],
    where: () => string,
    at?: { offset: number; field: string }
  ): string {
    const known = this.resolved.get(name)
    if (known) return known.value
    if (chain.includes(name)) {
      throw new TemplateError(
        'cycle',
        `The variable {{${name}}} refers to itself (${[...chain, name].map((n) => `{{${n}}}`).join(' → ')}).`,
        name
      )
    }
    const found = this.lookup(name)
    if (!found) {
      if (name.startsWith('$')) {
        const suggestion = suggestBuiltin(name)
        throw new TemplateError(
          'unknown-builtin',
          `{{${name}}} in ${where()} is not a built-in${suggestion ? `; did you mean {{${suggestion}}}?` : '.'}`,
          name,
          at?.offset,
          [],
          at?.field
        )
      }
      throw new TemplateError(
        'unresolved',
        `The variable {{${name}}} in ${where()} has no value: give it one for this launch, in the saved launch's defaults or in the profile's variables.`,
        name,
        at?.offset,
        [],
        at?.field
      )
    }
    let value = found.value
    if (found.source !== 'builtin' && found.source !== 'prompt' && value.includes('{{')) {
      if (chain.length >= MAX_NESTING) {
        throw new TemplateError(
          'cycle',
          `The variable {{${name}}} is nested more than ${MAX_NESTING} variables deep.`,
          name
        )
      }
      value = this.resolveNested(value, { json: false }, [...chain, name])
    }
    const resolved = { name, value, source: found.source }
    this.resolved.set(name, resolved)
    return value
  }

  private lookup(name: string): { value: string; source: VariableSource } | undefined {
    if (name.startsWith('?')) {
      const answer = this.lookupPrompt(name)
      return answer === undefined ? undefined : { value: answer, source: 'prompt' }
    }
    const { overrides, batchRow, savedDefaults, profileVariables, profileDefaults } = this.scope
    const layers: [Readonly<Record<string, string>> | undefined, VariableSource][] = [
      [overrides, 'override'],
      [batchRow, 'batch'],
      [savedDefaults, 'saved'],
      [profileVariables, 'profile']
    ]
    for (const [layer, source] of layers) {
      if (layer && Object.hasOwn(layer, name)) return { value: layer[name], source }
    }
    if (profileDefaults && PROFILE_DEFAULT_NAMES.has(name)) {
      const id = profileDefaults[name as keyof typeof profileDefaults]
      if (id) return { value: id, source: 'profile-default' }
    }
    if (name.startsWith('$')) {
      const value = generateBuiltin(name, this.source)
      if (value !== undefined) return { value, source: 'builtin' }
    }
    return undefined
  }
}

/** The prompt labels (without `?`) a set of texts asks for, in order of first appearance. */
export function promptLabels(texts: readonly { text: string; json: boolean }[]): string[] {
  const labels = new Set<string>()
  for (const { text, json } of texts) {
    for (const p of scanTemplate(text, json).placeholders) {
      if (p.kind === 'prompt') labels.add(p.name.slice(1))
    }
  }
  return [...labels]
}
