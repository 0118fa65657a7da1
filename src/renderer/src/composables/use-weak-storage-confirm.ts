import { useDialog, type ButtonProps } from 'naive-ui'

import { useAppStore } from '../stores/app'

/**
 * Asks before secrets are written to disk with weak protection (no keyring, security.md SEC-2),
 * and turns that on only when the user confirms. `confirmTestId` names the confirm button.
 * Call it in a component's setup (it uses the dialog provider).
 */
export function useWeakStorageConfirm(confirmTestId: string): () => void {
  const app = useAppStore()
  const dialog = useDialog()
  return () => {
    dialog.warning({
      title: 'Store secrets with weak protection?',
      content:
        'Tokens, client secrets and passwords are written to disk with a key that any program running as you could use to read them.',
      positiveText: 'Store on disk',
      negativeText: 'Cancel',
      // Vue's prop types have no data-* keys; the attribute still reaches the button.
      positiveButtonProps: { 'data-testid': confirmTestId } as ButtonProps,
      onPositiveClick: async () => {
        await app.setWeakStorage(true)
      }
    })
  }
}
