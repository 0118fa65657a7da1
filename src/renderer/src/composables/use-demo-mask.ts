/**
 * The one place the screens apply demo mode. Every component that shows a host, a URL, a token or
 * a uuid renders it through these functions (the pure masks are `maskForDemo` in shared); when
 * demo mode is off they return the value unchanged. Masking never reveals more than the normal
 * view: it only takes away.
 */
import { maskForDemo, type DemoMaskKind } from '@shared/demo'
import { storeToRefs } from 'pinia'
import type { Ref } from 'vue'

import { useDemoStore } from '../stores/demo'

export { HIDDEN_HOST, HIDDEN_TOKEN, maskText, shortenUuids } from '@shared/demo'

export type DemoMask = {
  /** Demo mode is on. */
  on: Ref<boolean>
} & {
  [K in DemoMaskKind]: (value: string | undefined) => string
}

/** Masking functions that follow demo mode; use them in templates for every sensitive value. */
export function useDemoMask(): DemoMask {
  const { enabled: on } = storeToRefs(useDemoStore())
  const when =
    (mask: (v: string) => string) =>
    (value: string | undefined): string => {
      const v = value ?? ''
      return on.value && v ? mask(v) : v
    }
  return {
    on,
    text: when(maskForDemo.text),
    url: when(maskForDemo.url),
    host: when(maskForDemo.host),
    uuid: when(maskForDemo.uuid),
    token: when(maskForDemo.token)
  }
}
