/** Delete a playlist with an Undo toast, as saved launches in the library have. */
import type { LibraryDeletion } from '@shared/workbench'
import { NButton, useMessage } from 'naive-ui'
import { h } from 'vue'

import { useDemoMask } from '../../composables/use-demo-mask'
import { usePlaylistsStore, type PlaylistRef } from '../../stores/playlists'

/** Call in setup: returns `remove(ref)`, true when the playlist was deleted. */
export function usePlaylistDelete(): (ref: PlaylistRef) => Promise<boolean> {
  const playlists = usePlaylistsStore()
  const message = useMessage()
  const mask = useDemoMask()

  function offerUndo(deletion: LibraryDeletion): void {
    const name = mask.text(deletion.name)
    const toast = message.create(
      () =>
        h('span', { class: 'undo-toast', 'data-testid': 'playlist-undo-toast' }, [
          `Deleted “${name}”. `,
          h(
            NButton,
            {
              size: 'tiny',
              type: 'primary',
              text: true,
              'data-testid': 'playlist-undo',
              onClick: async () => {
                toast.destroy()
                const entry = await playlists.restore(deletion)
                if (entry) message.success(`Restored “${name}”.`)
                else message.error(mask.text(playlists.error?.message ?? 'Could not restore.'))
              }
            },
            () => 'Undo'
          )
        ]),
      { type: 'info', duration: 10_000, closable: true }
    )
  }

  return async (ref) => {
    const deletion = await playlists.remove(ref)
    if (deletion) offerUndo(deletion)
    return !!deletion
  }
}
