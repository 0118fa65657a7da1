/** Types for fuses.mjs (the electron-builder afterPack hook), for the tests that import it. */
import type { FuseV1Options } from '@electron/fuses'

export declare const FUSE_DECISIONS: Record<keyof typeof FuseV1Options, boolean>
export declare function fuseConfig(platform: string): Record<string | number, unknown>
export interface PackContext {
  appOutDir: string
  electronPlatformName: string
  packager: { appInfo: { productFilename: string }; executableName?: string }
}
export declare function executablePath(context: PackContext): string
export default function afterPack(context: PackContext): Promise<void>
