/**
 * Time to a usable launch view (Send enabled, ids prefilled) against a blank page, both in the
 * e2e harness (e2e/launch-ready.perf.ts): the median of several navigations each; target ≤ 3×.
 */
import { runBrowserBench } from './browser-bench'

runBrowserBench('launch-ready')
