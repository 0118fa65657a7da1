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

/** Local "2026-11-23 14:05:09". */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** Compact time for list rows: "14:05:09" today, "Nov 23 14:05" otherwise. */
export function formatListTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  if (d.toDateString() === now.toDateString()) return time
  const month = d.toLocaleString('en', { month: 'short' })
  const year = d.getFullYear() === now.getFullYear() ? '' : ` ${d.getFullYear()}`
  return `${month} ${d.getDate()}${year} ${pad(d.getHours())}:${pad(d.getMinutes())}`
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
