/* global HTMLElement */
import { vi } from 'vitest'

/**
 * happy-dom lays nothing out: a virtual list measures a viewport of 0. This gives the element
 * whose data-testid is `testid` a height of `height` px and a width of `width()` px (read at each
 * measure, so a test can narrow the list); every other element stays 0 × 0. Undo with
 * `vi.restoreAllMocks()`.
 */
export function fakeListLayout(
  testid: string,
  height: number,
  width: () => number = () => 0
): void {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
    this: HTMLElement
  ) {
    return this.dataset.testid === testid ? height : 0
  })
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockImplementation(function (
    this: HTMLElement
  ) {
    return this.dataset.testid === testid ? width() : 0
  })
}
