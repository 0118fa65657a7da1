/**
 * The contract channels for support staff and presenters: build info (stored profile, form values
 * or launched instance), "Check connection" before saving, launch reports, playlists, and opening
 * a Designer link in the browser. Inputs arrive already validated by the contract's schemas.
 */
import type { Handlers } from '../shared/contract'
import { isDesignerLink } from '../shared/designer'
import { AppFailure } from '../shared/errors'
import { BuildInfoClient } from './build-info/build-info'
import type { Connections } from './launches/connections'
import type { PlaylistStore } from './playlists/playlist-store'
import { checkDraft, openDraft, type DraftDeps } from './profiles/draft-profile'
import type { FileDialogs } from './ports'
import type { ReportService } from './reports/report-service'

export type SupportChannel =
  | 'app:open-external'
  | 'profiles:check-draft'
  | 'build:info'
  | 'build:instance-info'
  | 'reports:create'
  | 'reports:save'
  | 'playlists:list'
  | 'playlists:get'
  | 'playlists:save'
  | 'playlists:delete'
  | 'playlists:restore'

export type SupportHandlers = Pick<Handlers, SupportChannel>

export interface SupportDeps extends DraftDeps {
  connections: Connections
  buildInfo: BuildInfoClient
  reports: ReportService
  playlists: PlaylistStore
  files: FileDialogs
  /** Opens a URL in the user's browser (shell.openExternal); absent where there is none. */
  openExternal?: (url: string) => Promise<void>
}

export function createSupportHandlers(deps: SupportDeps): SupportHandlers {
  const { profiles, connections, buildInfo, reports, playlists } = deps

  return {
    'app:open-external': async ({ profileId, url }) => {
      const profile = profiles.get(profileId)
      if (!isDesignerLink(profile.designerUrl, url)) {
        throw new AppFailure(
          'INVALID_INPUT',
          profile.designerUrl
            ? `Only links to the FlowX Designer of “${profile.name}” open from here.`
            : `“${profile.name}” has no FlowX Designer URL.`,
          { hint: 'Set the Designer URL in the profile to open instances in the Designer.' }
        )
      }
      if (!deps.openExternal) throw new AppFailure('INTERNAL', 'Links cannot be opened here.')
      await deps.openExternal(url)
      return null
    },

    'profiles:check-draft': (input) => checkDraft(deps, input),

    'build:info': async ({ profileId, profile: draftInput, workspaceId, appId, refresh }) => {
      if (profileId !== undefined) {
        const stored = profiles.get(profileId)
        const connection = await connections.forProfile(profileId)
        return buildInfo.info(connection, {
          workspaceId: workspaceId ?? stored.defaults.workspaceId,
          appId: appId || stored.defaults.appId,
          version: stored.updatedAt,
          ...(refresh ? { refresh } : {})
        })
      }
      if (!draftInput) throw new AppFailure('INVALID_INPUT', 'Give a profile or its values.')
      const draft = await openDraft(deps, draftInput)
      const connection = await draft.connections.forProfile(draft.profileId)
      // The form's token is not the stored profile's: nothing is cached for it.
      const client = new BuildInfoClient({ tokens: draft.tokens, cacheMs: 0 })
      return client.info(connection, {
        workspaceId: workspaceId ?? draftInput.defaults.workspaceId,
        appId: appId || draftInput.defaults.appId
      })
    },

    'build:instance-info': async ({ profileId, uuid }) => {
      const stored = profiles.get(profileId)
      const connection = await connections.forProfile(profileId)
      return buildInfo.instanceInfo(connection, uuid, { version: stored.updatedAt })
    },

    'reports:create': (input) => reports.create(input),
    'reports:save': (input) => reports.save(input, deps.files),

    'playlists:list': () => playlists.list(),
    'playlists:get': (ref) => playlists.get(ref),
    'playlists:save': ({ playlist, from, folder, expectedRevision }) =>
      playlists.save(playlist, {
        ...(from ? { from } : {}),
        ...(folder !== undefined ? { folder } : {}),
        ...(expectedRevision !== undefined ? { expectedRevision } : {})
      }),
    'playlists:delete': (ref) => playlists.delete(ref),
    'playlists:restore': ({ undoToken }) => playlists.restore(undoToken)
  }
}
