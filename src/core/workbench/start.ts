/**
 * launch:start with templates: resolve target and payload against the profile, the saved launch's
 * defaults, the overrides and the prompt answers; refuse with a message naming the problem; hand
 * the resolved text (sent as written) and the launch context to the launch service.
 */
import type { InputOf, ResultOf } from '../../shared/contract'
import { AppFailure } from '../../shared/errors'
import type { LaunchService } from '../launches/launch-service'
import type { Library } from '../library/library'
import type { ProfileService } from '../profiles/profile-service'
import { prepareLaunch } from './prepare'
import type { TokenHandles } from './token-handles'

export interface StartDeps {
  profiles: ProfileService
  library?: Library
  launches: LaunchService
  handles?: TokenHandles
  launchedBy?: string
}

type StartInput = InputOf<'launch:start'>

export async function startTemplatedLaunch(
  deps: StartDeps,
  input: StartInput
): Promise<ResultOf<'launch:start'>> {
  const { profileId, confirmProfileName, requestId, allowDuplicate, tokenHandle } = input
  const profile = deps.profiles.get(profileId)
  const prepared = await prepareLaunch({ library: deps.library }, profile, input)
  const { problem } = prepared.preview
  if (problem || !prepared.target) {
    const code = problem?.kind === 'payload' ? 'INVALID_PAYLOAD' : 'INVALID_INPUT'
    throw new AppFailure(code, problem?.message ?? 'The launch cannot be sent.', {
      ...(problem?.kind === 'prompt' ? { hint: 'Answer the prompts, then send again.' } : {})
    })
  }
  const bearer = tokenHandle !== undefined ? deps.handles?.get(tokenHandle) : undefined
  const launch = deps.launches.startWithProfile(
    profileId,
    {
      requestId,
      target: prepared.target,
      payload: prepared.preview.payload,
      allowDuplicate,
      ...(bearer !== undefined ? { bearer } : {}),
      context: {
        ...prepared.context,
        ...(input.ticket ? { ticket: input.ticket } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(deps.launchedBy ? { launchedBy: deps.launchedBy } : {})
      }
    },
    confirmProfileName
  )
  if (tokenHandle === undefined) return launch
  try {
    const record = await launch
    deps.handles?.forget(tokenHandle)
    return record
  } catch (error) {
    // A start refused before sending (confirmation, duplicate) keeps the token for the retry.
    const code = error instanceof AppFailure ? error.error.code : undefined
    if (code !== 'CONFIRMATION_REQUIRED' && code !== 'DUPLICATE_START')
      deps.handles?.forget(tokenHandle)
    throw error
  }
}
