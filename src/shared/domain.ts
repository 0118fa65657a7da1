/**
 * Domain types shared by core, main, CLI and renderer. Plain data only: everything here crosses IPC.
 * This is the one module importers use; the types live in the files it re-exports below.
 */

/** Profiles: colours, auth, TLS, proxy, secrets as the renderer sees them, token status, transfer. */
export * from './profile-types'

/** Start targets, FlowX's process instance and build info, and the launch form draft. */
export type * from './domain-start'

/** Launch and batch records of the ledger, history queries and pages, exports and reports. */
export type * from './domain-ledger'

/** Notices, secret storage, settings, and the app's start-up state. */
export type * from './domain-app'

/** Demo playlists of saved launches. */
export type * from './domain-playlists'

/** Saved launches, template previews, replays and cURL (src/shared/workbench.ts). */
export type * from './workbench'
