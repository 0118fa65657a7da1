import { looksLikeCurlOrStartUrl } from '../lib/curl-paste'
import { useLibraryStore } from '../stores/library'

/**
 * A paste handler for the launch form: a cURL command or a start URL pasted anywhere in it opens
 * "Paste cURL" with the text instead of landing in one field. Other text pastes as usual.
 */
export function usePasteCurl(): (event: ClipboardEvent) => void {
  const library = useLibraryStore()
  return (event) => {
    const text = event.clipboardData?.getData('text/plain') ?? ''
    if (!looksLikeCurlOrStartUrl(text)) return
    event.preventDefault()
    event.stopPropagation()
    library.pasted = text
    library.dialog = 'curl-paste'
  }
}
