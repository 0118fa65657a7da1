/** Which secrets a profile's settings use: one rule for the app, the editor and the CLI. */
import type { ProfileAuth, ProfileProxy, SecretName } from './domain'

/** The secrets these settings use; the others are cleared when the profile is saved. */
export function secretsUsed(auth: ProfileAuth, proxy: ProfileProxy): Set<SecretName> {
  const used = new Set<SecretName>()
  if (auth.mode === 'bearer') used.add('token')
  if (auth.mode === 'client-credentials') used.add('clientSecret')
  // A password-grant client may be confidential: its secret is optional.
  if (auth.mode === 'password') used.add('password').add('clientSecret')
  if (proxy.mode === 'manual' && proxy.username !== '') used.add('proxyPassword')
  return used
}
