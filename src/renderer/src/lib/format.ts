/** Small display formatters shared by the views. */

/** "245 ms", "1.24 s", "2 min 5 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** "812 B", "14.2 KB", "1.00 MB" (binary units, as the 1 MB limit is 1024 × 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/*
 * One date/time format everywhere, in the user's locale: "6 Dec 2026, 22:49:55" (en-GB) or
 * "Dec 6, 2026, 10:49:55 PM" (en-US). Lists shorten it; every shortened time carries the full
 * timestamp (formatFullTimestamp) on hover.
 */
/** Formatters by options (module constants) and locale: a long list formats without building any. */
const cache = new WeakMap<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>()
function dateFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
  let byLocale = cache.get(options)
  if (!byLocale) cache.set(options, (byLocale = new Map()))
  let format = byLocale.get(locale ?? '')
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options)
    byLocale.set(locale ?? '', format)
  }
  return format
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' }
const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  ...TIME
}
const FULL: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  ...DATE_TIME,
  month: 'long',
  fractionalSecondDigits: 3,
  timeZoneName: 'short'
}
const LIST_DATE: Intl.DateTimeFormatOptions = {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit'
}
const LIST_DATE_YEAR: Intl.DateTimeFormatOptions = { year: 'numeric', ...LIST_DATE }

function parse(iso: string | undefined): Date | undefined {
  if (!iso) return undefined
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? undefined : d
}

/** Date and time to the second, in the user's locale. */
export function formatDateTime(iso: string | undefined, locale?: string): string {
  if (!iso) return '—'
  const d = parse(iso)
  return d ? dateFormat(locale, DATE_TIME).format(d) : iso
}

/** The full timestamp for a hover: weekday, date, time with milliseconds and the time zone. */
export function formatFullTimestamp(iso: string | undefined, locale?: string): string {
  const d = parse(iso)
  if (!d) return iso ?? ''
  return dateFormat(locale, FULL).format(d)
}

/** Compact time for list rows: the time today, the date and time otherwise (year when not this one). */
export function formatListTime(iso: string, now: Date = new Date(), locale?: string): string {
  const d = parse(iso)
  if (!d) return iso
  const sameYear = d.getFullYear() === now.getFullYear()
  if (sameYear && d.getMonth() === now.getMonth() && d.getDate() === now.getDate())
    return dateFormat(locale, TIME).format(d)
  return dateFormat(locale, sameYear ? LIST_DATE : LIST_DATE_YEAR).format(d)
}

/** First block of a UUID, enough to recognise it in a list. */
export function shortId(id: string | undefined): string {
  if (!id) return '—'
  return id.length > 8 ? id.slice(0, 8) : id
}

/** UTF-8 size of a string, as it goes on the wire. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}

/** "admin.example.com/rtm" from a base URL, for compact lists. */
export function hostAndPath(url: string): string {
  try {
    const u = new URL(url)
    return u.host + u.pathname.replace(/\/+$/, '')
  } catch {
    return url
  }
}

/** A countdown: "04:59", or "1:04:59" from an hour up. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`
}

/** "45 s", "12 min", "3 h", "4 days": a rough span for people. */
function roughSpan(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `${hours} h`
  return `${Math.round(hours / 24)} days`
}

/** "expires in 12 min" / "expired 3 h ago" for an ISO expiry. */
export function formatExpiry(iso: string, now: number = Date.now()): string {
  const left = new Date(iso).getTime() - now
  if (Number.isNaN(left)) return 'expiry unknown'
  return left > 0 ? `expires in ${roughSpan(left)}` : `expired ${roughSpan(left)} ago`
}
