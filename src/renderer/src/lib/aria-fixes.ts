/**
 * ARIA that Naive UI leaves out, added as its elements appear: a card header is `role="heading"`
 * with no `aria-level` (twice, nested), a card or dialog shown as a modal is `role="dialog"` with
 * no accessible name, and a form item's label is not tied to its input. Each added element is
 * fixed once; the cost is proportional to what was added, not to the page.
 */
let titleCount = 0

const DIALOG_TITLE = '.n-card-header__main, .n-dialog__title'
const FIELDS = 'input:not([type="hidden"]), textarea'

/** An input in a Naive form item is named by the item's label, unless it has a name already. */
function labelField(el: Element): void {
  if (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')) return
  if (el.id && el.ownerDocument.querySelector(`label[for="${CSS.escape(el.id)}"]`)) return
  const label = el.closest('.n-form-item')?.querySelector('.n-form-item-label')
  if (!label?.textContent?.trim()) return
  if (!label.id) label.id = `fx-field-label-${++titleCount}`
  el.setAttribute('aria-labelledby', label.id)
}

function fixElement(el: Element): void {
  if (el.matches(FIELDS)) labelField(el)
  if (el.getAttribute('role') === 'heading' && !el.hasAttribute('aria-level')) {
    // The outer header wraps the real title: one heading, not two nested ones.
    if (el.classList.contains('n-card-header')) el.setAttribute('role', 'none')
    else el.setAttribute('aria-level', '2')
  }
  const role = el.getAttribute('role')
  if (
    (role === 'dialog' || role === 'alertdialog') &&
    !el.hasAttribute('aria-label') &&
    !el.hasAttribute('aria-labelledby')
  ) {
    const title = el.querySelector(DIALOG_TITLE)
    if (title) {
      if (!title.id) title.id = `fx-dialog-title-${++titleCount}`
      el.setAttribute('aria-labelledby', title.id)
    }
  }
}

/** Fix `node` and everything under it. */
export function fixAria(node: Element): void {
  fixElement(node)
  for (const el of node.querySelectorAll(
    `[role="heading"]:not([aria-level]), [role="dialog"], [role="alertdialog"], ${FIELDS}`
  ))
    fixElement(el)
}

/** Keep fixing what gets added under `root` (the whole document in the app). */
export function watchAria(root: Element): MutationObserver {
  fixAria(root)
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node.nodeType === 1) fixAria(node as Element)
  })
  observer.observe(root, { childList: true, subtree: true })
  return observer
}
