/**
 * Judging one build-info answer from FlowX: the build info it carries, or a specific error — a
 * redirect, a token FlowX refuses (with its own words), a missing route (an older runtime or a
 * wrong base URL), or the id FlowX could not find.
 */
import type { BuildInfoResult } from '../../shared/domain'
import type { AppError } from '../../shared/errors'
import { describeProblem, statusLine } from '../launcher'
import type { GetAnswer } from './get-json'
import {
  isRouteNotFound,
  notFoundMessage,
  parseObject,
  readBuildInfo,
  wrongIdOf,
  type WrongId
} from './interpret'

/** One build-info route to ask, and which kind it is. */
export interface Call {
  via: BuildInfoResult['via']
  path: string
}

/** What a build-info call came to; `stage` tells a token that could not be had from FlowX's no. */
export type BuildInfoAnswer =
  | { ok: true; result: BuildInfoResult }
  | {
      ok: false
      stage: 'token' | 'flowx' | 'network'
      error: AppError
      /** For a 404: the route does not exist here, or which id FlowX could not find. */
      notFound?: 'route' | WrongId
      /** FlowX's own words when it refused the token (401). */
      said?: string
    }

export interface JudgeInput {
  call: Call
  answer: GetAnswer
  ids: { workspaceId?: string; appId?: string; uuid?: string }
  tokenSent: boolean
  fetchedAt: string
}

/** FlowX authenticated the caller: it answered, or looked for the entity (auth runs first). */
export function authenticated(answer: GetAnswer): boolean {
  const { status } = answer
  return (status >= 200 && status < 300) || (status === 404 && !isRouteNotFound(answer.body))
}

/** The build info of an answer, or why there is none. */
export function judgeAnswer(input: JudgeInput): BuildInfoAnswer {
  const { call, answer, ids, tokenSent } = input
  const { status } = answer
  const httpStatus = status
  if (status >= 200 && status < 300) {
    const raw = parseObject(answer.body)
    const info = raw ? readBuildInfo(raw) : undefined
    if (!raw || !info) {
      return {
        ok: false,
        stage: 'flowx',
        error: {
          code: 'UNREADABLE_RESPONSE',
          message: `The server answered ${statusLine(status, answer.statusText)}, but not with build info.`,
          hint: 'Check that the base URL is the FlowX runtime (it normally ends in /rtm).',
          httpStatus
        }
      }
    }
    const result: BuildInfoResult = {
      info,
      raw,
      via: call.via,
      path: call.path,
      fetchedAt: input.fetchedAt,
      cached: false
    }
    return { ok: true, result }
  }
  if (status >= 300 && status < 400) {
    const where = answer.headers.location ? ` to ${redirectTarget(answer.headers.location)}` : ''
    return {
      ok: false,
      stage: 'flowx',
      error: {
        code: 'REDIRECT',
        message: `The server redirected${where}; not followed.`,
        hint: 'A redirect usually means the base URL is not the runtime (it normally ends in /rtm) or a login page is in front of it.',
        httpStatus
      }
    }
  }
  const said = describeProblem({
    status,
    statusText: answer.statusText,
    contentType: answer.headers['content-type'],
    wwwAuthenticate: answer.headers['www-authenticate'],
    body: answer.body
  })
  const detail = said.detail ? { detail: said.detail } : {}
  if (status === 401) {
    return {
      ok: false,
      stage: 'flowx',
      said: said.message,
      error: {
        code: 'UNAUTHORIZED',
        message: tokenSent
          ? `FlowX does not accept this token (“${said.message.replace(/\.$/, '')}”).`
          : 'FlowX requires a token: this profile sends none.',
        hint: tokenSent
          ? 'The runtime refuses tokens from this identity provider, for this audience, or without its role: check the issuer (realm) and client, then get a fresh token.'
          : 'Choose how this profile signs in (Profiles → Authentication).',
        httpStatus,
        ...detail
      }
    }
  }
  if (status === 403) {
    return {
      ok: false,
      stage: 'flowx',
      error: {
        code: 'FORBIDDEN',
        message: `FlowX refuses this token (403 Forbidden: “${said.message.replace(/\.$/, '')}”).`,
        hint: 'The token is valid but lacks a role FlowX asks for (FLOWX_ROLE, or the role shared on the solution).',
        httpStatus,
        ...detail
      }
    }
  }
  if (status === 404) {
    if (isRouteNotFound(answer.body)) {
      return {
        ok: false,
        stage: 'flowx',
        notFound: 'route',
        error: {
          code: 'NOT_FOUND',
          message: `This server has no build-info endpoint (${statusLine(status, answer.statusText)} for ${call.path}).`,
          hint: 'Check that the base URL is the FlowX runtime (it normally ends in /rtm).',
          httpStatus,
          ...detail
        }
      }
    }
    const words = [said.message, said.detail].filter(Boolean).join(' ')
    const wrong = wrongIdOf(words, ids)
    return {
      ok: false,
      stage: 'flowx',
      notFound: wrong,
      error: { code: 'NOT_FOUND', ...notFoundMessage(wrong, ids), httpStatus, detail: words }
    }
  }
  return {
    ok: false,
    stage: 'flowx',
    error: {
      code: status >= 500 ? 'SERVER' : 'HTTP_ERROR',
      message: said.message,
      httpStatus,
      ...detail
    }
  }
}

/** Where a redirect pointed, without query or credentials. */
function redirectTarget(location: string): string {
  try {
    const url = new URL(location, 'http://unknown.invalid')
    return url.origin + url.pathname
  } catch {
    return 'another address'
  }
}
