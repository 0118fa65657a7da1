/**
 * Playlists for demos: ordered steps of saved launches, as stored in a library folder and as
 * listed. Plain data only: everything here crosses IPC. `domain.ts` re-exports them.
 */

/** One step of a playlist: a saved launch run on a chosen profile, with what the presenter says. */
export interface PlaylistStep {
  /** Name of the saved launch in the library. */
  savedLaunch: string
  profileId: string
  title: string
  /** Speaker notes, shown with the step. */
  notes: string
}

/** An ordered list of steps for a demo, stored as `<slug>.playlist.json` in a library folder. */
export interface Playlist {
  name: string
  description: string
  steps: PlaylistStep[]
}

/** A playlist as listed: where it lives and how long it is. */
export interface PlaylistSummary {
  slug: string
  name: string
  /** The library folder (absolute path) holding the file. */
  folder: string
  stepCount: number
  updatedAt: string
  /** Change marker of the file's content: send it back on save to refuse overwriting a change. */
  revision?: string
  /** Set when the file cannot be read as a playlist: what is wrong (the file is left alone). */
  problem?: string
}

/** A stored playlist with where it lives. */
export interface PlaylistEntry extends PlaylistSummary {
  playlist: Playlist
}
