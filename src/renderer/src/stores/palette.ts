/**
 * The command palette (Ctrl/Cmd+K): what it offers for the typed query, best first, with what the
 * user picked recently on top. Items come from the registered actions, the environments, the
 * library (saved launches and playlists) and, for a longer query, a history search.
 */
import type { InputOf } from '@shared/contract'
import type { LaunchSummary } from '@shared/domain'
import type { LibraryEntry } from '@shared/workbench'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

import { fuzzyMatch } from '../components/palette/fuzzy'
import { paletteActions } from '../lib/palette-actions'
import { useProfilesStore } from './profiles'

export type PaletteKind = 'action' | 'environment' | 'saved-launch' | 'playlist' | 'launch'

export interface PaletteItem {
  /** Stable across openings (the recent list keys on it). */
  id: string
  kind: PaletteKind
  title: string
  /** A second line: where it lives, when it ran (masked by the view in demo mode). */
  detail?: string
  keywords?: string[]
  shortcut?: string[]
  run: () => void | Promise<void>
}

export interface RankedItem {
  item: PaletteItem
  positions: number[]
  score: number
}

/** A history search starts at this many characters. */
export const HISTORY_QUERY_MIN = 3
export const HISTORY_SEARCH_DELAY_MS = 200
const RECENT_KEY = 'flowx-launcher.palette-recent'
const RECENT_MAX = 20
const SHOWN_MAX = 50

export const KIND_LABEL: Record<PaletteKind, string> = {
  action: 'Action',
  environment: 'Environment',
  'saved-launch': 'Saved launch',
  playlist: 'Playlist',
  launch: 'History'
}

function readRecent(): string[] {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(RECENT_KEY) ?? '[]') as unknown
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** What the palette does with each kind of library and history item (set by the shell). */
export interface PaletteOpeners {
  savedLaunch(entry: LibraryEntry): void | Promise<void>
  playlist(ref: { slug: string; folder?: string }): void | Promise<void>
  launch(summary: LaunchSummary): void | Promise<void>
}

export const usePaletteStore = defineStore('palette', () => {
  const profiles = useProfilesStore()
  const open = ref(false)
  const query = ref('')
  const recent = ref<string[]>(readRecent())
  const library = shallowRef<LibraryEntry[]>([])
  /** Library folder paths by id (a playlist is addressed by slug and folder path). */
  const folders = shallowRef<Record<string, string>>({})
  const launches = shallowRef<LaunchSummary[]>([])
  const searching = ref(false)
  /** A dialog an action opened (check connection, ticket report). */
  const dialog = ref<'check' | 'report'>()
  let openers: PaletteOpeners | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  function openDialog(name: 'check' | 'report'): void {
    dialog.value = name
  }

  function setOpeners(o: PaletteOpeners): void {
    openers = o
  }

  /** Bumped on every opening and keystroke, so actions' `enabled()` is asked afresh. */
  const version = ref(0)

  const items = computed<PaletteItem[]>(() => {
    void version.value
    const out: PaletteItem[] = paletteActions().map((a) => ({
      id: `action:${a.id}`,
      kind: 'action',
      title: a.title,
      keywords: a.keywords,
      shortcut: a.shortcut,
      run: a.run
    }))
    for (const p of profiles.profiles) {
      out.push({
        id: `env:${p.id}`,
        kind: 'environment',
        title: `Switch to ${p.name}`,
        detail: p.id === profiles.activeId ? 'Current environment' : undefined,
        keywords: ['environment', 'profile', p.name],
        run: () => void profiles.setActive(p.id)
      })
    }
    for (const e of library.value) {
      if (e.status !== 'ok') continue
      const isPlaylist = e.kind === 'playlist'
      out.push({
        id: `${e.kind}:${e.id}`,
        kind: isPlaylist ? 'playlist' : 'saved-launch',
        title: isPlaylist ? `Present ${e.name}` : `Open ${e.name}`,
        detail: isPlaylist ? 'Playlist' : [e.processName, ...e.tags].filter(Boolean).join(' · '),
        keywords: [e.name, ...e.tags, e.processName ?? ''],
        run: () =>
          isPlaylist
            ? openers?.playlist({
                slug: e.file.replace(/\.playlist\.json$/, ''),
                folder: folders.value[e.folderId]
              })
            : openers?.savedLaunch(e)
      })
    }
    for (const l of launches.value) {
      out.push({
        id: `launch:${l.id}`,
        kind: 'launch',
        title: `${l.processName} on ${l.profileName}`,
        detail: [l.instanceUuid, l.ticket, l.startedAt].filter(Boolean).join(' · '),
        // The history search already matched uuid, token and payload values.
        keywords: [query.value],
        run: () => openers?.launch(l)
      })
    }
    return out
  })

  const ranked = computed<RankedItem[]>(() => {
    const q = query.value
    const rank = new Map(recent.value.map((id, i) => [id, i]))
    const out: RankedItem[] = []
    for (const item of items.value) {
      const title = fuzzyMatch(q, item.title)
      const extra = item.keywords?.some((k) => fuzzyMatch(q, k)) ?? false
      if (!title && !extra) continue
      const r = rank.get(item.id)
      const boost = r === undefined ? 0 : (RECENT_MAX - r) * (q ? 2 : 100)
      out.push({
        item,
        positions: title?.positions ?? [],
        score: (title?.score ?? 20) + boost
      })
    }
    // Stable: equal scores keep the order above (actions, environments, library, history).
    return out.sort((a, b) => b.score - a.score).slice(0, SHOWN_MAX)
  })

  async function loadLibrary(): Promise<void> {
    const r = await window.flowx.library.list()
    if (!r.ok) return
    library.value = r.value.entries
    folders.value = Object.fromEntries(r.value.folders.map((f) => [f.id, f.path]))
  }

  function setQuery(q: string): void {
    query.value = q
    version.value++
    if (timer) clearTimeout(timer)
    const mine = ++seq
    if (q.trim().length < HISTORY_QUERY_MIN) {
      launches.value = []
      searching.value = false
      return
    }
    searching.value = true
    timer = setTimeout(async () => {
      const r = await window.flowx.history.search({ text: q.trim(), limit: 8 })
      if (mine !== seq) return
      searching.value = false
      launches.value = r.ok ? r.value.items : []
    }, HISTORY_SEARCH_DELAY_MS)
  }

  /** "Copy the launch as cURL" (placeholders: the token is never in it). */
  function curlOfForm(input: InputOf<'curl:from-form'>) {
    return window.flowx.curl.fromForm(input)
  }

  function show(): void {
    open.value = true
    setQuery('')
    void loadLibrary()
  }

  function hide(): void {
    open.value = false
    seq++
    if (timer) clearTimeout(timer)
  }

  /** Run an item: close the palette first, remember it as recent. */
  async function choose(item: PaletteItem): Promise<void> {
    hide()
    recent.value = [item.id, ...recent.value.filter((id) => id !== item.id)].slice(0, RECENT_MAX)
    try {
      globalThis.localStorage?.setItem(RECENT_KEY, JSON.stringify(recent.value))
    } catch {
      // Recent items that do not stick are not worth a message.
    }
    await item.run()
  }

  return {
    open,
    query,
    recent,
    ranked,
    searching,
    dialog,
    openDialog,
    setOpeners,
    setQuery,
    show,
    hide,
    choose,
    curlOfForm,
    loadLibrary
  }
})
