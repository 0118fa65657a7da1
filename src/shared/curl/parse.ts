/**
 * Reading a pasted cURL command (bash form, including Chrome's "Copy as cURL (bash)") or a bare
 * start URL into launch form fields. Pure: the caller decides what to do with a bearer token found
 * in it (core keeps it in main for one launch; it is never saved).
 */
import type { StartMode } from '../domain'
import { formatPayload, jsonSyntaxProblem } from '../payload'
import { REDACTED_BEARER } from './generate'
import { shellWords } from './shell-words'

export interface PastedLaunch {
  mode: StartMode
  workspaceId: string
  appId: string
  buildId: string
  processName: string
  baseUrl?: string
  platform?: string
  payload: string
  /** The bearer token in an Authorization header, if any. Never to be stored. */
  bearer?: string
  notes: string[]
}

const BUILD_PATH =
  /^(.*?)\/api\/runtime\/app\/([^/]+)\/build\/([^/]+)\/process-name\/([^/]+)\/start\/?$/
const WORKSPACE_PATH =
  /^(.*?)\/api\/runtime\/wks\/([^/]+)\/app\/([^/]+)\/process-name\/([^/]+)\/start\/?$/

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The target of a start URL of either mode, or undefined when it is not one. */
export function parseStartUrl(
  text: string
):
  | Pick<PastedLaunch, 'mode' | 'workspaceId' | 'appId' | 'buildId' | 'processName' | 'baseUrl'>
  | undefined {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  const path = url.pathname
  const build = BUILD_PATH.exec(path)
  if (build) {
    return {
      mode: 'build',
      workspaceId: '',
      appId: decode(build[2]),
      buildId: decode(build[3]),
      processName: decode(build[4]),
      baseUrl: `${url.origin}${build[1]}`
    }
  }
  const wks = WORKSPACE_PATH.exec(path)
  if (wks) {
    return {
      mode: 'workspace',
      workspaceId: decode(wks[2]),
      appId: decode(wks[3]),
      buildId: '',
      processName: decode(wks[4]),
      baseUrl: `${url.origin}${wks[1]}`
    }
  }
  return undefined
}

const DATA_OPTIONS = new Set([
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-ascii',
  '--json'
])
const IGNORED_FLAGS = new Set([
  '--compressed',
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-k',
  '--insecure',
  '-i',
  '--include',
  '-v',
  '--verbose',
  '-L',
  '--location',
  '-g',
  '--globoff',
  '--http1.1',
  '--http2',
  '-f',
  '--fail'
])
const IGNORED_WITH_VALUE = new Set([
  '-b',
  '--cookie',
  '-u',
  '--user',
  '-o',
  '--output',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-A',
  '--user-agent',
  '-e',
  '--referer'
])

/** Read a pasted cURL command or start URL; throws Error with a message for the user. */
export function readPastedLaunch(text: string): PastedLaunch {
  const trimmed = text.trim()
  if (!/^curl(\.exe)?\s/i.test(trimmed)) {
    const target = parseStartUrl(trimmed)
    if (!target) {
      throw new Error(
        'This is neither a cURL command nor a FlowX start URL (…/api/runtime/…/start).'
      )
    }
    return { ...target, payload: '{}', notes: [] }
  }
  const words = shellWords(trimmed).slice(1)
  const notes: string[] = []
  let url: string | undefined
  let method: string | undefined
  let body: string | undefined
  let platform: string | undefined
  let bearer: string | undefined
  for (let i = 0; i < words.length; i++) {
    const word = words[i]
    const [flag, inline] =
      word.startsWith('--') && word.includes('=')
        ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
        : [word, undefined]
    const value = (): string => {
      if (inline !== undefined) return inline
      const next = words[++i]
      if (next === undefined) throw new Error(`${flag} needs a value.`)
      return next
    }
    if (flag === '-X' || flag === '--request') method = value().toUpperCase()
    else if (flag === '-H' || flag === '--header') {
      const header = value()
      const colon = header.indexOf(':')
      const name = header.slice(0, colon).trim().toLowerCase()
      const content = header.slice(colon + 1).trim()
      if (name === 'flowx-platform') platform = content
      else if (name === 'authorization') {
        const match = /^Bearer\s+(\S+)$/i.exec(content)
        if (match && /^[\x21-\x7e]+$/.test(match[1]) && !match[1].startsWith('$')) bearer = match[1]
        else if (match && match[1] === REDACTED_BEARER) {
          notes.push("The token was redacted: the profile's token is used.")
        } else if (match)
          notes.push(`The token comes from ${match[1]}: the profile's token is used.`)
        else
          notes.push('The Authorization header is not a bearer token; the profile’s token is used.')
      } else if (name === 'cookie') notes.push('Cookies are not kept.')
      else if (
        ![
          'content-type',
          'accept',
          'content-length',
          'accept-encoding',
          'accept-language',
          'origin',
          'referer',
          'user-agent',
          'connection',
          'pragma',
          'cache-control'
        ].includes(name) &&
        !name.startsWith('sec-')
      ) {
        notes.push(`The header ${header.slice(0, colon).trim()} is not sent by FlowX Launcher.`)
      }
    } else if (DATA_OPTIONS.has(flag)) {
      const data = value()
      if (flag !== '--data-raw' && data.startsWith('@')) {
        throw new Error(`The body is read from the file ${data.slice(1)}; paste the JSON itself.`)
      }
      body = body === undefined ? data : `${body}&${data}`
    } else if (flag === '--url') url = value()
    else if (IGNORED_WITH_VALUE.has(flag)) {
      value()
      if (flag === '-u' || flag === '--user') notes.push('User and password (-u) are not kept.')
    } else if (IGNORED_FLAGS.has(flag)) continue
    else if (flag.startsWith('-')) notes.push(`The option ${flag} is ignored.`)
    else url ??= word
  }
  if (!url) throw new Error('The cURL command has no URL.')
  const target = parseStartUrl(url)
  if (!target) {
    // The query is left out of the message: it may carry a credential.
    const shown = url.split(/[?#]/)[0]
    throw new Error(`${shown} is not a FlowX start URL (…/api/runtime/…/process-name/…/start).`)
  }
  if (method && method !== 'POST')
    notes.push(`The method was ${method}; starts are always sent with POST.`)
  let payload = body ?? '{}'
  if (!jsonSyntaxProblem(payload)) payload = formatPayload(payload)
  else notes.push('The body is not valid JSON; fix it in the editor.')
  return {
    ...target,
    ...(platform ? { platform } : {}),
    payload,
    ...(bearer ? { bearer } : {}),
    notes
  }
}
