// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'

import type { VariableRow } from '../../lib/template-variables'
import VariablesTable from './VariablesTable.vue'

function mountTable(initial: VariableRow[]) {
  const rows = ref(initial)
  const wrapper = mount(VariablesTable, {
    props: {
      modelValue: rows.value,
      'onUpdate:modelValue': (v: VariableRow[]) => {
        rows.value = v
        void wrapper.setProps({ modelValue: v })
      },
      label: 'Profile variables',
      testid: 'vars'
    }
  })
  return { wrapper, rows }
}

describe('VariablesTable', () => {
  it('adds, edits and removes rows with named controls', async () => {
    const { wrapper, rows } = mountTable([{ name: 'appId', value: 'a-1' }])
    await wrapper.get('[data-testid="vars-add"]').trigger('click')
    expect(rows.value).toHaveLength(2)
    await nextTick()
    await wrapper.get('[data-testid="vars-name-1"]').setValue('customerId')
    await wrapper.get('[data-testid="vars-value-1"]').setValue('42')
    expect(rows.value[1]).toEqual({ name: 'customerId', value: '42' })
    const remove = wrapper.get('[data-testid="vars-remove-0"]')
    expect(remove.attributes('aria-label')).toBe('Remove appId')
    await remove.trigger('click')
    expect(rows.value).toEqual([{ name: 'customerId', value: '42' }])
  })

  it('shows a row error under the row', async () => {
    const { wrapper } = mountTable([
      { name: 'a', value: '1' },
      { name: 'a', value: '2' }
    ])
    await nextTick()
    expect(wrapper.get('[role="alert"]').text()).toMatch(/already defined in row 1/)
  })
})
