/**
 * The palette actions the app offers everywhere: send, copy as cURL, replay the selected launch,
 * demo mode, check connection, reports, and going to each view. Registered for the app's lifetime
 * by the palette; features add their own with `usePaletteActions` (lib/palette-actions.ts).
 */
import { onBeforeUnmount } from 'vue'

import { registerPaletteAction, type PaletteAction } from '../../lib/palette-actions'
import { useAppStore, type ViewName } from '../../stores/app'
import { useDemoStore } from '../../stores/demo'
import { useHistoryStore } from '../../stores/history'
import { useLaunchStore } from '../../stores/launch'
import { usePaletteStore } from '../../stores/palette'
import { useProfilesStore } from '../../stores/profiles'
import { VIEWS } from '../app/views'
import { replayRecord } from './palette-replay'

export function usePaletteCoreActions(): void {
  const app = useAppStore()
  const launch = useLaunchStore()
  const demo = useDemoStore()
  const profiles = useProfilesStore()
  const history = useHistoryStore()
  const palette = usePaletteStore()

  const actions: PaletteAction[] = [
    {
      id: 'launch.send',
      title: 'Send the launch',
      keywords: ['start', 'run', 'launch'],
      shortcut: ['Mod', 'Enter'],
      enabled: () => launch.canSend,
      run: async () => {
        app.showView('launch')
        await launch.send()
      }
    },
    {
      id: 'launch.copy-curl',
      title: 'Copy the launch as cURL',
      keywords: ['curl', 'copy', 'command line'],
      enabled: () => launch.ready && !!profiles.activeId,
      run: async () => {
        const r = await palette.curlOfForm({
          profileId: profiles.activeId!,
          target: { ...launch.form },
          payload: launch.form.payload,
          mode: 'placeholders'
        })
        if (!r.ok) app.addNotice('error', r.error.message)
        else if (!r.value.copied) await app.copyText(r.value.command)
      }
    },
    {
      id: 'history.replay-selected',
      title: 'Replay the selected launch…',
      keywords: ['replay', 'again', 'history', 'exact', 'fresh', 'another profile'],
      enabled: () => !!history.selected,
      run: () => {
        if (history.selected) replayRecord(history.selected)
      }
    },
    {
      id: 'history.load-selected',
      title: 'Load the selected launch into the form',
      keywords: ['again', 'history', 'edit'],
      enabled: () => !!history.selected,
      run: async () => {
        if (!history.selected) return
        await launch.loadRecord(history.selected)
        app.showView('launch')
      }
    },
    {
      id: 'demo.toggle',
      title: 'Toggle demo mode',
      keywords: ['presentation', 'projector', 'hide hosts'],
      shortcut: ['Mod', 'Shift', 'D'],
      run: () => demo.toggle()
    },
    {
      id: 'profiles.check',
      title: 'Check connection',
      keywords: ['health', 'token', 'test environment'],
      enabled: () => !!profiles.activeId,
      run: () => palette.openDialog('check')
    },
    {
      id: 'reports.ticket',
      title: 'Report for a ticket…',
      keywords: ['ticket', 'jira', 'servicenow', 'markdown', 'pdf'],
      run: () => palette.openDialog('report')
    },
    ...VIEWS.map((v): PaletteAction => ({
      id: `view.${v.name}`,
      title: `Go to ${v.label}`,
      keywords: ['view', 'open', v.name],
      enabled: () => app.view !== v.name,
      run: () => app.showView(v.name as ViewName)
    }))
  ]
  const removers = actions.map(registerPaletteAction)
  onBeforeUnmount(() => removers.forEach((remove) => remove()))
}
