/**
 * The views of the shell, in navigation order. Only Launch (the first screen) is in the initial
 * bundle; every other view is loaded when first opened. To add a view: add its name to `ViewName`
 * (stores/app.ts) and an entry here; the header, Ctrl/Cmd+digit and the shortcuts sheet follow.
 */
import { defineAsyncComponent, type Component } from 'vue'

import type { ViewName } from '../../stores/app'
import LaunchView from '../../views/LaunchView.vue'

export interface ViewEntry {
  name: ViewName
  label: string
  /** The view's component; lazy for all but the first. */
  component: Component
  /** Shown in the header navigation (Settings sits at the header's end instead). */
  nav: boolean
}

export const VIEWS: ViewEntry[] = [
  { name: 'launch', label: 'Launch', component: LaunchView, nav: true },
  {
    name: 'history',
    label: 'History',
    component: defineAsyncComponent(() => import('../../views/HistoryView.vue')),
    nav: true
  },
  {
    name: 'batch',
    label: 'Batch',
    component: defineAsyncComponent(() => import('../../views/BatchView.vue')),
    nav: true
  },
  {
    name: 'profiles',
    label: 'Profiles',
    component: defineAsyncComponent(() => import('../../views/ProfilesView.vue')),
    nav: true
  },
  {
    name: 'playlists',
    label: 'Playlists',
    component: defineAsyncComponent(() => import('../../views/PlaylistsView.vue')),
    nav: true
  },
  {
    name: 'settings',
    label: 'Settings',
    component: defineAsyncComponent(() => import('../../views/SettingsView.vue')),
    nav: false
  }
]

/** Ctrl/Cmd+1…9 opens the navigation's views in order. */
export function viewForDigit(digit: string): ViewName | undefined {
  return VIEWS.filter((v) => v.nav)[Number(digit) - 1]?.name
}

export function viewEntry(name: ViewName): ViewEntry {
  return VIEWS.find((v) => v.name === name) ?? VIEWS[0]
}
