import { describe, expect, it } from 'vitest'

import { makeProfile } from '../test/fake-flowx'
import { checkLaunchForm, draftForProfile, emptyDraft, targetOf } from './launch-form'

describe('launch form', () => {
  it('starts from the profile defaults, by build when only a build id is known', () => {
    const byBuild = draftForProfile(
      makeProfile({ defaults: { workspaceId: '', appId: 'a', buildId: 'b' } }),
      null
    )
    expect(byBuild).toMatchObject({ mode: 'build', appId: 'a', buildId: 'b' })
    const byWorkspace = draftForProfile(makeProfile(), null)
    expect(byWorkspace).toMatchObject({ mode: 'workspace', workspaceId: 'wks-1', appId: 'app-1' })
  })

  it('fills empty draft ids from the defaults but keeps what the user typed', () => {
    const draft = { ...emptyDraft(), appId: 'mine', processName: 'p' }
    expect(draftForProfile(makeProfile(), draft)).toMatchObject({
      appId: 'mine',
      workspaceId: 'wks-1',
      processName: 'p'
    })
  })

  it('builds the target for the chosen mode only', () => {
    const form = {
      ...emptyDraft(),
      workspaceId: ' w ',
      appId: 'a',
      buildId: 'b',
      processName: ' n '
    }
    expect(targetOf(form)).toEqual({
      mode: 'workspace',
      workspaceId: 'w',
      appId: 'a',
      processName: 'n'
    })
    expect(targetOf({ ...form, mode: 'build' })).toEqual({
      mode: 'build',
      appId: 'a',
      buildId: 'b',
      processName: 'n'
    })
  })

  it('flags required, malformed and path-changing ids under their own field', () => {
    const check = checkLaunchForm({
      ...emptyDraft(),
      workspaceId: '',
      appId: '..',
      processName: 'x'
    })
    expect(check.errors.workspaceId).toBe('Required.')
    expect(check.errors.appId).toMatch(/app id cannot be/)
    expect(check.valid).toBe(false)
  })

  it('ignores the id the other mode uses', () => {
    const check = checkLaunchForm({
      ...emptyDraft(),
      mode: 'build',
      workspaceId: 'bad id',
      appId: 'a',
      buildId: 'b',
      processName: 'n'
    })
    expect(check.valid).toBe(true)
  })

  it('warns about process names FlowX’s firewall refuses, without blocking', () => {
    const check = checkLaunchForm({
      ...emptyDraft(),
      workspaceId: 'w',
      appId: 'a',
      processName: 'a/b'
    })
    expect(check.valid).toBe(true)
    expect(check.processWarnings[0]).toMatch(/%2F/)
  })

  it('reports the payload error with its line and column, and the size when valid', () => {
    const bad = checkLaunchForm({
      ...emptyDraft(),
      workspaceId: 'w',
      appId: 'a',
      processName: 'n',
      payload: '{\n  "a": 1,\n}'
    })
    expect(bad.errors.payload).toMatch(/line 3, column 1/)
    const good = checkLaunchForm({
      ...emptyDraft(),
      workspaceId: 'w',
      appId: 'a',
      processName: 'n',
      payload: '{ "a": 1 }'
    })
    // The text is sent as written (never re-serialised), spaces included.
    expect(good.payloadBytes).toBe(10)
  })

  it('accepts {{variables}} in ids, process name and payload when they have a value', () => {
    const form = {
      ...emptyDraft(),
      workspaceId: '{{workspaceId}}',
      appId: '{{app}}',
      processName: '{{proc}}',
      payload: '{ "c": {{customer}} }'
    }
    const scope = {
      profileDefaults: { workspaceId: 'w-1' },
      profileVariables: { app: 'a-1', proc: 'onboarding', customer: '42' }
    }
    expect(checkLaunchForm(form, scope).errors).toEqual({})
    const missing = checkLaunchForm(form, {})
    expect(missing.errors.appId).toMatch(/Unknown variable \{\{app\}\}/)
    expect(missing.errors.payload).toMatch(/Unknown variable \{\{customer\}\}/)
  })
})
