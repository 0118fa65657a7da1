/**
 * ARIA that Naive UI leaves out, added as its elements appear: a card header is `role="heading"`
 * with no `aria-level` (twice, nested), and a card or dialog shown as a modal is `role="dialog"`
 * with no accessible name. Each added element is fixed once; the cost is proportional to what
 * was added, not to the page.
 */
let titleCount = 0

const DIALOG_TITLE = '.n-card-header__main, .n-dialog__title'

function fixElement(el: Element): void {
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
    '[role="heading"]:not([aria-level]), [role="dialog"], [role="alertdialog"]'
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
