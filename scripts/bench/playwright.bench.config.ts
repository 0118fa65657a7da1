/**
 * Playwright for the browser benchmarks (e2e/*.perf.ts): the e2e suite's browser and launch
 * arguments, with the long budgets a measurement needs. Run through scripts/bench/*.bench.ts,
 * never by `npm test`.
 */
import { resolve } from 'node:path'

import { defineConfig } from '@playwright/test'

import base from '../../playwright.config'

export default defineConfig({
  ...base,
  testDir: resolve(__dirname, '../../e2e'),
  testMatch: '**/*.perf.ts',
  timeout: 900_000
})
