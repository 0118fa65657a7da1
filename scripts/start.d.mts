/** Types of scripts/start.mjs for its test. */
export interface ElectronFound {
  ok: boolean
  installed: boolean
  binary: string
  version?: string
  override?: string
}
export function platformBinary(platform?: string): string
export function findElectron(
  root: string,
  env?: Record<string, string | undefined>,
  platform?: string
): ElectronFound
export function missingElectronMessage(found: ElectronFound, root?: string): string
