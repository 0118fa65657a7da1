/// <reference types="vite/client" />
import type { FlowxApi } from '@shared/contract'

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

declare global {
  interface Window {
    /** The one typed bridge to main (DESIGN.md §2); only stores may call it (STYLE.md A8). */
    flowx: FlowxApi
  }
}
