/**
 * CodeMirror 6 pieces for `{{…}}` placeholders: a mark on each one coloured by where its value
 * comes from (unknown ones underlined) and a hover naming its value and source. Tooltips are built
 * with textContent only: no HTML from the payload or from variable values.
 */
import { StateEffect, type Extension } from '@codemirror/state'
import {
  Decoration,
  hoverTooltip,
  ViewPlugin,
  type DecorationSet,
  type EditorView,
  type ViewUpdate
} from '@codemirror/view'

import {
  inspectTemplate,
  SOURCE_LABELS,
  type LintScope,
  type PlaceholderInfo
} from './template-lint'

/** Dispatched when the variables changed, so marks and hovers are recomputed. */
const scopeChanged = StateEffect.define<null>()

export function refreshPlaceholders(view: EditorView): void {
  view.dispatch({ effects: scopeChanged.of(null) })
}

/** The variables changed in this update (lint must run again although the text did not). */
export function scopeChangedIn(update: ViewUpdate): boolean {
  return update.transactions.some((t) => t.effects.some((e) => e.is(scopeChanged)))
}

function classFor(p: PlaceholderInfo): string {
  if (p.kind === 'prompt') return 'fx-ph fx-ph-prompt'
  if (p.source === 'unknown') return 'fx-ph fx-ph-unknown'
  if (p.source === 'builtin') return 'fx-ph fx-ph-builtin'
  return 'fx-ph'
}

function inspect(view: EditorView, scope: () => LintScope): PlaceholderInfo[] {
  const text = view.state.doc.toString()
  if (!text.includes('{{')) return []
  return inspectTemplate(text, scope()).placeholders
}

/** Marks and hover for placeholders; `scope` is read each time, so it may change. */
export function placeholderExtension(scope: () => LintScope): Extension {
  const marks = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet
      placeholders: PlaceholderInfo[]
      constructor(view: EditorView) {
        this.placeholders = inspect(view, scope)
        this.decorations = this.build()
      }
      update(update: ViewUpdate): void {
        if (!update.docChanged && !scopeChangedIn(update)) return
        this.placeholders = inspect(update.view, scope)
        this.decorations = this.build()
      }
      build(): DecorationSet {
        return Decoration.set(
          this.placeholders.map((p) =>
            Decoration.mark({
              class: classFor(p),
              attributes: { 'data-placeholder': p.name }
            }).range(p.from, p.to)
          )
        )
      }
    },
    { decorations: (plugin) => plugin.decorations }
  )

  const hover = hoverTooltip((view, pos) => {
    const plugin = view.plugin(marks)
    const p = plugin?.placeholders.find((x) => pos >= x.from && pos <= x.to)
    if (!p) return null
    return {
      pos: p.from,
      end: p.to,
      above: true,
      create: () => {
        const dom = document.createElement('div')
        dom.className = 'fx-ph-tip'
        dom.setAttribute('data-testid', 'placeholder-tip')
        const name = document.createElement('div')
        name.textContent = `{{${p.name}}}`
        const value = document.createElement('div')
        value.className = 'fx-ph-tip-value'
        if (p.kind === 'prompt') value.textContent = `Asked when you send: “${p.name.slice(1)}”`
        else if (p.source === 'unknown') value.textContent = 'No value'
        else if (p.source === 'builtin') value.textContent = `e.g. ${p.value ?? ''}`
        else value.textContent = p.value ?? ''
        const source = document.createElement('div')
        source.className = 'fx-ph-tip-source'
        source.textContent = SOURCE_LABELS[p.source]
        dom.append(name, value, source)
        return { dom }
      }
    }
  })
  return [marks, hover]
}
