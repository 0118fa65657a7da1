import { mount } from '@vue/test-utils'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import type { Pinia } from 'pinia'
import { defineComponent, h, type Component, type VNodeChild } from 'vue'

/**
 * Mounts what `content` renders inside the message and dialog providers the app puts around
 * every view, attached to the document so teleported dialogs and focus behave as in the app.
 */
export function mountInApp(content: () => VNodeChild, pinia?: Pinia) {
  const Host = defineComponent({
    setup: () => () =>
      h(NMessageProvider, null, {
        default: () => h(NDialogProvider, null, { default: content })
      })
  })
  return mount(Host, { global: { plugins: pinia ? [pinia] : [] }, attachTo: document.body })
}

/** `mountInApp` for one component with its props. */
export function mountComponentInApp(
  component: Component,
  props: Record<string, unknown> = {},
  pinia?: Pinia
) {
  return mountInApp(() => h(component, props), pinia)
}
