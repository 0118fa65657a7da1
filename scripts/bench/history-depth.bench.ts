/**
 * History at depth: a 100,000-launch ledger scrolled to its end in the renderer, in the e2e
 * harness (e2e/history-depth.perf.ts). Prints the renderer's main-thread time for the walk;
 * target ≤ 2 s. About five minutes. HISTORY_DEPTH overrides the size.
 */
import { runBrowserBench } from './browser-bench'

runBrowserBench('history-depth')
