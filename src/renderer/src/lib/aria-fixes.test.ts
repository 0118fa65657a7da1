// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'

import { watchAria } from './aria-fixes'

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

describe('ARIA fixes for Naive UI', () => {
  it('names a modal card after its title and gives its heading a level', async () => {
    const root = document.createElement('div')
    document.body.append(root)
    const observer = watchAria(root)
    root.innerHTML = `
      <div class="n-card" role="dialog" aria-modal="true">
        <div class="n-card-header" role="heading">
          <div class="n-card-header__main" role="heading">Start in a protected environment</div>
        </div>
      </div>`
    await settle()
    const dialog = root.querySelector('[role="dialog"]')!
    const title = root.querySelector('.n-card-header__main')!
    expect(dialog.getAttribute('aria-labelledby')).toBe(title.id)
    expect(title.getAttribute('aria-level')).toBe('2')
    expect(root.querySelector('.n-card-header')!.getAttribute('role')).toBe('none')
    observer.disconnect()
  })

  it('leaves a dialog that already has a name alone', async () => {
    const root = document.createElement('div')
    document.body.append(root)
    const observer = watchAria(root)
    root.innerHTML = `<div role="dialog" aria-label="Keyboard shortcuts"><div class="n-dialog__title">x</div></div>`
    await settle()
    expect(root.querySelector('[role="dialog"]')!.hasAttribute('aria-labelledby')).toBe(false)
    observer.disconnect()
  })

  it("names an input after its form item's label, and leaves a named one alone", async () => {
    const root = document.createElement('div')
    document.body.append(root)
    const observer = watchAria(root)
    root.innerHTML = `
      <div class="n-form-item"><label class="n-form-item-label">Name</label>
        <div><input data-testid="a" /></div></div>
      <div class="n-form-item"><label class="n-form-item-label">Token</label>
        <input data-testid="b" aria-label="Bearer token" /></div>`
    await settle()
    const a = root.querySelector('[data-testid="a"]')!
    const label = root.querySelector('.n-form-item-label')!
    expect(a.getAttribute('aria-labelledby')).toBe(label.id)
    expect(root.querySelector('[data-testid="b"]')!.hasAttribute('aria-labelledby')).toBe(false)
    observer.disconnect()
  })
})
