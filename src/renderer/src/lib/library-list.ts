/** The library list as shown: folders side by side, each with its saved launches filtered and sorted. */
import type { LibraryEntry, LibraryFolder, LibraryListing } from '@shared/workbench'

export interface FolderGroup {
  folder: LibraryFolder
  entries: LibraryEntry[]
}

/** Does the entry match every word typed (name, description, process name, tags, file)? */
export function entryMatches(entry: LibraryEntry, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return true
  const hay = [entry.name, entry.description, entry.processName ?? '', entry.file, ...entry.tags]
    .join('\n')
    .toLowerCase()
  return words.every((w) => hay.includes(w))
}

/** Every tag in the listing, sorted. */
export function tagsOf(listing: LibraryListing | undefined): string[] {
  const all = new Set<string>()
  for (const e of listing?.entries ?? []) for (const t of e.tags) all.add(t)
  return [...all].sort((a, b) => a.localeCompare(b))
}

/** One group per folder (in folder order) with its saved launches matching the tag and search. */
export function groupEntries(
  listing: LibraryListing | undefined,
  tag: string | undefined,
  search: string
): FolderGroup[] {
  if (!listing) return []
  return listing.folders.map((folder) => ({
    folder,
    entries: listing.entries
      .filter((e) => e.folderId === folder.id && e.kind === 'launch')
      .filter((e) => !tag || e.tags.includes(tag))
      .filter((e) => entryMatches(e, search))
      .sort((a, b) => a.name.localeCompare(b.name) || a.file.localeCompare(b.file))
  }))
}
