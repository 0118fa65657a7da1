/** A saved launch for tests: templated ids, a 64-bit id, built-ins, defaults. */
import type { SavedLaunch } from '../../shared/workbench'

/** Saved launch used across library, replay and CLI tests. */
export const SAMPLE: SavedLaunch = {
  name: 'Customer onboarding — Ștefan',
  description: 'New retail customer',
  tags: ['onboarding', 'smoke'],
  target: {
    mode: 'build',
    workspaceId: '',
    appId: '{{appId}}',
    buildId: '{{buildId}}',
    processName: '[DOCS]customer_onboarding'
  },
  payload: '{"customerId": 9007199254740993, "email": "{{$randomEmail}}", "ref": "{{ref}}"}',
  variables: { ref: 'R-1', amount: '100' },
  ticket: 'SUP-42',
  notes: 'Run on staging first.'
}
