/**
 * The playlist file format: `<slug>.playlist.json` in a library folder, human-diffable JSON with a
 * version, checked with zod on every read. Never a secret: steps name a saved launch and a profile.
 */
import { z } from 'zod'

import type { Playlist } from '../../shared/domain'
import { PlaylistSchema } from '../../shared/schemas'
import { PLAYLIST_SUFFIX } from '../library/folder-scan'

export { PLAYLIST_SUFFIX }
export const PLAYLIST_KIND = 'flowx-launcher/playlist'
export const PLAYLIST_VERSION = 1

export const PlaylistFileSchema = z.strictObject({
  kind: z.literal(PLAYLIST_KIND),
  version: z.literal(PLAYLIST_VERSION),
  ...PlaylistSchema.shape
})

/** The file text of a playlist (two-space JSON, trailing newline). */
export function playlistText(playlist: Playlist): string {
  const file = {
    kind: PLAYLIST_KIND,
    version: PLAYLIST_VERSION,
    name: playlist.name.trim(),
    description: playlist.description,
    steps: playlist.steps.map((step) => ({
      savedLaunch: step.savedLaunch.trim(),
      profileId: step.profileId,
      title: step.title.trim(),
      notes: step.notes
    }))
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** Read a playlist file's text; a specific message when it is not one. */
export function parsePlaylist(
  text: string
): { ok: true; playlist: Playlist } | { ok: false; problem: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, problem: `Not valid JSON: ${(error as Error).message}` }
  }
  if (typeof value === 'object' && value !== null && 'version' in value) {
    const version = (value as { version: unknown }).version
    if (typeof version === 'number' && version > PLAYLIST_VERSION) {
      return {
        ok: false,
        problem: `Written by a newer FlowX Launcher (playlist version ${version}); update the app to open it.`
      }
    }
  }
  const parsed = PlaylistFileSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
    const said = (issue?.message ?? 'invalid').replace(/\.$/, '')
    return { ok: false, problem: `Not a playlist${where}: ${said}.` }
  }
  const { name, description, steps } = parsed.data
  return { ok: true, playlist: { name, description, steps } }
}

/** A file-name slug for a playlist name: lower-case ASCII words joined by dashes. */
export function playlistSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return slug || 'playlist'
}
