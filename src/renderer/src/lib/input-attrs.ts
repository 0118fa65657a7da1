import type { InputHTMLAttributes } from 'vue'

/**
 * Attributes for the native <input> inside a Naive UI field, so tests can fill it by test id.
 * Vue's attribute types do not list data-* keys, hence the cast.
 */
export function inputAttrs(testid: string, extra: InputHTMLAttributes = {}): InputHTMLAttributes {
  return {
    'data-testid': testid,
    spellcheck: false,
    autocomplete: 'off',
    ...extra
  } as InputHTMLAttributes
}
