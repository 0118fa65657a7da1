/** The workbench channels: library, template preview, launch with templates, replay and cURL. */
import type { Handlers } from '../../shared/contract'
import { AppFailure } from '../../shared/errors'
import { readPastedLaunch } from '../../shared/curl/parse'
import { decodeTokenClaims } from '../../shared/jwt-claims'
import type { LibraryListing } from '../../shared/workbench'
import type { TokenManager } from '../auth/token-manager'
import { curlFor, sentBy } from '../curl/curl-service'
import type { Ledger } from '../history'
import type { Connections } from '../launches/connections'
import type { LaunchService } from '../launches/launch-service'
import type { Library } from '../library/library'
import type { FileDialogs } from '../ports'
import type { ProfileService } from '../profiles/profile-service'
import { findLaunch, planReplay } from '../replay/replay'
import { prepareLaunch } from './prepare'
import { startTemplatedLaunch } from './start'
import type { TokenHandles } from './token-handles'

export interface WorkbenchDeps {
  profiles: ProfileService
  library: Library
  launches: LaunchService
  ledger: Ledger
  connections: Connections
  tokens: TokenManager
  handles: TokenHandles
  files: FileDialogs
  copyText: (text: string) => void
  /** Who launches (the OS user), recorded with each launch. */
  launchedBy?: string
}

type WorkbenchChannel =
  | 'launch:start'
  | 'history:replay-plan'
  | 'history:replay'
  | 'library:list'
  | 'library:get'
  | 'library:save'
  | 'library:rename'
  | 'library:duplicate'
  | 'library:delete'
  | 'library:restore'
  | 'library:add-folder'
  | 'library:remove-folder'
  | 'templates:preview'
  | 'curl:from-launch'
  | 'curl:from-form'
  | 'curl:parse'

export type WorkbenchHandlers = Pick<Handlers, WorkbenchChannel>

export function createWorkbenchHandlers(deps: WorkbenchDeps): WorkbenchHandlers {
  const { profiles, library, launches, ledger } = deps
  const listing = (): Promise<LibraryListing> => library.list()

  return {
    'launch:start': (input) => startTemplatedLaunch(deps, input),

    'history:replay-plan': async (input) => (await planReplay({ ledger, profiles }, input)).plan,
    'history:replay': async ({ requestId, confirmProfileName, allowDuplicate, ...input }) => {
      const { plan, send } = await planReplay({ ledger, profiles }, input)
      if (!send) {
        throw new AppFailure(
          'INVALID_INPUT',
          plan.problem?.message ?? 'This launch cannot be replayed.'
        )
      }
      return launches.startWithProfile(
        send.profileId,
        {
          requestId,
          target: send.target,
          payload: send.payload,
          allowDuplicate,
          context: { ...send.context, ...(deps.launchedBy ? { launchedBy: deps.launchedBy } : {}) }
        },
        confirmProfileName
      )
    },

    'library:list': () => listing(),
    'library:get': ({ id }) => library.get(id),
    'library:save': (input) => library.save(input),
    'library:rename': ({ id, name, expectedRevision }) =>
      library.rename(id, name, expectedRevision),
    'library:duplicate': ({ id }) => library.duplicate(id),
    'library:delete': ({ id, expectedRevision }) => library.remove(id, expectedRevision),
    'library:restore': ({ undoToken }) => library.restore(undoToken),
    'library:add-folder': async () => {
      if (!deps.files.pickFolder)
        throw new AppFailure('INTERNAL', 'There is no folder picker here.')
      const path = await deps.files.pickFolder()
      if (path !== undefined) await library.addFolder(path)
      return listing()
    },
    'library:remove-folder': ({ folderId }) => {
      library.removeFolder(folderId)
      return listing()
    },

    'templates:preview': async ({ profileId, ...input }) =>
      (await prepareLaunch({ library }, profiles.get(profileId), input)).preview,

    'curl:from-launch': async ({ id, ...request }) => {
      const record = await findLaunch(ledger, id)
      const profile = profiles.get(record.profileId)
      const text = await curlFor(deps, profile, sentBy(record), request)
      if (request.mode === 'resolved') deps.copyText(text.command)
      return { mode: request.mode, command: text.redacted, copied: request.mode === 'resolved' }
    },
    'curl:from-form': async ({ profileId, mode, confirmed, confirmProfileName, ...input }) => {
      const profile = profiles.get(profileId)
      const { preview } = await prepareLaunch({ library }, profile, input)
      if (preview.problem) throw new AppFailure('INVALID_INPUT', preview.problem.message)
      const text = await curlFor(deps, profile, preview, { mode, confirmed, confirmProfileName })
      if (mode === 'resolved') deps.copyText(text.command)
      return { mode, command: text.redacted, copied: mode === 'resolved' }
    },
    'curl:parse': ({ text }) => {
      let read
      try {
        read = readPastedLaunch(text)
      } catch (error) {
        throw new AppFailure('INVALID_INPUT', (error as Error).message)
      }
      const { bearer, ...fields } = read
      if (bearer === undefined) return fields
      const claims = decodeTokenClaims(bearer)
      return {
        ...fields,
        tokenHandle: deps.handles.hold(bearer),
        ...(claims ? { tokenClaims: claims } : {}),
        notes: [
          ...fields.notes,
          'The pasted token is not saved: it can be used for the next launch only.'
        ]
      }
    }
  }
}
