// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'

import { MOD_KEY } from '../../composables/use-window-keydown'
import { useAppStore } from '../../stores/app'
import { installFakeFlowx } from '../../test/fake-flowx'
import AppHeader from './AppHeader.vue'

beforeEach(() => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
  installFakeFlowx()
})
afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

function render() {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, { default: () => h(AppHeader) })
  })
  return mount(Host, { attachTo: document.body })
}

/** The nav shortcut tip shown in the page, if any (a hidden one stays in the DOM as display: none). */
const tip = (key: string) =>
  [...document.querySelectorAll<HTMLElement>('.n-tooltip')].find(
    (el) => el.textContent?.trim() === `${MOD_KEY}+${key}` && el.style.display !== 'none'
  )

async function hover(el: Element): Promise<void> {
  el.dispatchEvent(new MouseEvent('mouseenter'))
  await vi.advanceTimersByTimeAsync(1000)
  await flushPromises()
}

describe('AppHeader nav tips', () => {
  it('hides the shortcut tip when the nav item is clicked', async () => {
    const wrapper = render()
    const history = wrapper.get('[data-testid="nav-history"]')
    await hover(history.element)
    expect(tip('2')).toBeDefined()

    await history.trigger('click')
    await vi.advanceTimersByTimeAsync(1000)
    await flushPromises()
    expect(useAppStore().view).toBe('history')
    expect(tip('2')).toBeUndefined()
  })

  it('hides it when focus leaves the item or the view changes by keyboard', async () => {
    const wrapper = render()
    const history = wrapper.get('[data-testid="nav-history"]')
    await hover(history.element)
    expect(tip('2')).toBeDefined()
    await history.trigger('focusout')
    await vi.advanceTimersByTimeAsync(1000)
    await flushPromises()
    expect(tip('2')).toBeUndefined()

    await hover(history.element)
    expect(tip('2')).toBeDefined()
    useAppStore().showView('settings')
    await vi.advanceTimersByTimeAsync(1000)
    await flushPromises()
    expect(tip('2')).toBeUndefined()
  })

  it('shows every header button’s tip from one tooltip, under the button the pointer rests on', async () => {
    const wrapper = render()
    const shown = () =>
      [...document.querySelectorAll<HTMLElement>('.n-tooltip')].filter(
        (el) => el.style.display !== 'none'
      )
    const settings = wrapper.get('[data-testid="nav-settings"]')
    await hover(settings.element)
    expect(shown().map((el) => el.textContent?.trim())).toEqual([`Settings (${MOD_KEY}+,)`])

    await settings.trigger('mouseleave')
    await vi.advanceTimersByTimeAsync(1000)
    await flushPromises()
    expect(shown()).toHaveLength(0)

    await hover(wrapper.get('[data-testid="shortcuts-button"]').element)
    expect(shown().map((el) => el.textContent?.trim())).toEqual(['Keyboard shortcuts (?)'])
    expect(document.querySelectorAll('.n-tooltip').length).toBe(1)
  })
})
