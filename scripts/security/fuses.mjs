// electron-builder `afterPack` hook (security.md BLD-1): flips every Electron fuse to the value
// decided here, with strictlyRequireAllFuses, so an Electron upgrade that adds a fuse fails the
// package until someone decides it. electron-builder 26's own `electronFuses` option knows only
// fuses 0–7 and cannot be strict, hence @electron/fuses 2.1.3 (fuses 0–8, WasmTrapHandlers
// included) pinned as a devDependency. afterPack runs before signing, as fuses must.
import { join } from 'node:path'

import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses'

/** Every fuse @electron/fuses knows, by name, with the decision and why. */
export const FUSE_DECISIONS = {
  // ELECTRON_RUN_AS_NODE would let any local script run with the app's identity and keychain.
  RunAsNode: false,
  // Cookies (none today) are encrypted with the OS keychain; cannot be undone once shipped.
  EnableCookieEncryption: true,
  // NODE_OPTIONS and --inspect would inject code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // The asar is checked against the hash in the binary (macOS and Windows) and is the only
  // place the app loads from.
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  // The app ships no browser-process V8 snapshot.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://, never file:// (WIN-5).
  GrantFileProtocolExtraPrivileges: false,
  // Kept on (Electron's default): V8 bounds-checks WebAssembly memory with guard pages; turning it
  // off swaps them for explicit checks in generated code and gains nothing for this app.
  WasmTrapHandlers: true
}

/** The @electron/fuses config: every known fuse set, strict. */
export function fuseConfig(platform) {
  const config = {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping fuses breaks the ad-hoc signature of an unsigned arm64 macOS build; re-sign it.
    resetAdHocDarwinSignature: platform === 'darwin'
  }
  for (const [name, index] of Object.entries(FuseV1Options)) {
    if (typeof index !== 'number') continue
    if (!(name in FUSE_DECISIONS)) {
      throw new Error(`fuses: no decision for the ${name} fuse: add it to FUSE_DECISIONS`)
    }
    config[index] = FUSE_DECISIONS[name]
  }
  return config
}

/** Path of the packaged Electron executable, as electron-builder names it per platform. */
export function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return join(appOutDir, `${name}.app`)
  }
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`)
  return join(appOutDir, packager.executableName ?? name)
}

/** The hook electron-builder calls after packing each platform and arch. */
export default async function afterPack(context) {
  await flipFuses(executablePath(context), fuseConfig(context.electronPlatformName))
}
