import { watch } from 'vue'

/** Keep the window title in step with a getter. */
export function useDocumentTitle(title: () => string): void {
  watch(title, (t) => (document.title = t), { immediate: true })
}
