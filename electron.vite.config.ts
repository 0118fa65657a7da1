import { resolve } from 'node:path'

import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'

import { leanLibraries } from './src/cli/bundle'
import { nodeCheckBanner } from './src/cli/node-version'

const shared = { '@shared': resolve(__dirname, 'src/shared') }

/** Libraries the first screen always loads; lazy views keep their own components' code. */
const FIRST_SCREEN_VENDOR =
  /node_modules[\\/](@vue|vue|pinia|vueuc|seemly|css-render|@css-render|vooks|evtd|vdirs|naive-ui[\\/]es[\\/](_utils|_mixins|_styles|button|input|popover|scrollbar|form|empty|_internal[\\/](scrollbar|icon|icons|base-clear|loading|wave|close)))[\\/]/

export default defineConfig({
  main: {
    resolve: { alias: shared },
    // axios without its fetch adapter and form-data, follow-redirects and https-proxy-agent loaded
    // on first use, and the built-ins axios and commander import taken as they are: unused here,
    // they were most of every CLI start's library loading (src/cli/bundle.ts).
    plugins: [leanLibraries()],
    build: {
      // electron-store and conf are ESM-only: bundle them rather than rely on require(esm) in Electron.
      // zod and axios are bundled too: tree-shaking drops what we never use (zod's forty locales
      // alone took 40 ms of every CLI start when loaded from node_modules). So is commander (the
      // CLI only): loaded from node_modules it is ESM, which the CLI's require() loads slower. So is
      // jsonc-parser (every payload check): its ES build, tree-shaken, in place of six UMD files.
      externalizeDeps: {
        exclude: ['electron-store', 'conf', 'zod', 'axios', 'commander', 'jsonc-parser']
      },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
          // The ledger's worker thread (src/core/app.ts starts it from beside index.js).
          'ledger-worker': resolve(__dirname, 'src/core/history/worker.ts')
        },
        // The CLI checks the Node version before its first require (node:sqlite on Node 20).
        output: {
          banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? nodeCheckBanner() : '')
        }
      }
    }
  },
  preload: {
    resolve: { alias: shared },
    // A sandboxed preload can only require 'electron': bundle everything else into one file.
    build: { externalizeDeps: false }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      alias: {
        ...shared,
        '@renderer': resolve(__dirname, 'src/renderer/src')
      }
    },
    plugins: [vue()],
    build: {
      minify: true,
      rollupOptions: {
        output: {
          codeSplitting: {
            // What every screen runs (Vue, Pinia, and the Naive UI core and components the launch
            // view shows) in one chunk: split into many small shared chunks it gzips ~15 KB worse.
            groups: [{ name: 'vendor', test: FIRST_SCREEN_VENDOR }]
          }
        }
      }
    }
  }
})
