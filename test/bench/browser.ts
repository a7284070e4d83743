import type { Page } from 'playwright-core';

/**
 * A promise, as page script, that resolves once `ready` (a JavaScript expression) holds,
 * checked as `target` changes in the ways `changes` names (MutationObserver options), and the
 * frame after it has painted.
 */
function paintedOnce(ready: string, target: string, changes: string): string {
  return `new Promise((resolve) => {
    const target = ${target};
    const painted = () => requestAnimationFrame(() => setTimeout(resolve, 0));
    if (${ready}) return painted();
    const observer = new MutationObserver(() => { if (${ready}) { observer.disconnect(); painted(); } });
    observer.observe(target, ${changes});
  })`;
}

/** The customer pane answers `query` and the frame after it has painted. */
function shownScript(query: string): string {
  return paintedOnce(
    `target.dataset.shownQuery === ${JSON.stringify(query)}`,
    `document.querySelector('input[aria-label="Search customers"]').closest('section')`,
    `{ attributes: true, attributeFilter: ['data-shown-query'] }`,
  );
}

/**
 * Arms a timer in the page: from the next `type` event (its event time, when the browser took
 * it) to the moment `painted` (a promise, as page script) resolves. Measured in the page, so the
 * Playwright client's round trips (tens of ms: it shares the process with the handlers) are not
 * counted as the app's. Resolves to a reader of the milliseconds.
 */
async function armEventToPaint(
  page: Page,
  type: 'keydown' | 'mousedown',
  painted: string,
): Promise<() => Promise<number>> {
  await page.evaluate(`void (window.__eventToPaint = new Promise((resolve) => {
    addEventListener(${JSON.stringify(type)}, (event) => {
      const start = event.timeStamp;
      ${painted}.then(() => resolve(performance.now() - start));
    }, { capture: true, once: true });
  }))`);
  return () => page.evaluate<number>('window.__eventToPaint');
}

/**
 * Leaves `prefix` in the customer search box, answered and painted, then types `key` after it
 * as a person does: a real key event through the browser's input pipeline, `pauseMs` after the
 * frame that showed the prefix. Resolves with the time from the key's event time (when the
 * browser took it) to the frame painted with the rows and count that answer the whole query.
 */
export async function keystrokeToPaint(page: Page, prefix: string, key: string, pauseMs: number): Promise<number> {
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(prefix);
  await page.evaluate(shownScript(prefix));
  const elapsed = await armEventToPaint(page, 'keydown', shownScript(prefix + key));
  if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  // Straight to the focused searchbox: no locator to resolve in the page just before the key.
  await page.keyboard.press(key);
  return elapsed();
}

/**
 * Waits until the window has settled after start, as a person looking at it would before
 * typing: a second, then until an idle period is whole (50 ms free), so that the customer index
 * and its postings, loaded and built in idle time right after the lists paint, are there.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(1000);
  await page.evaluate(`new Promise((resolve) => {
    const check = (deadline) => (deadline.timeRemaining() >= 49 ? resolve() : requestIdleCallback(check));
    requestIdleCallback(check);
  })`);
}

/**
 * Waits until both lists show rows and returns when that happened, as an epoch time taken in the
 * page at the frame they painted (the harness's main side may be busy answering meanwhile).
 */
export async function listsPainted(page: Page): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const check = () => {
      const rows = document.querySelector('[role="grid"][aria-label="Customers"] [role="row"]');
      const items = document.querySelector('[role="tree"][aria-label="Services"] [role="treeitem"]');
      if (rows && items) requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
      else requestAnimationFrame(check);
    };
    check();
  })`);
}

/**
 * Arms a timer in the page: from the next mousedown (its event time, when the browser took the
 * click) to the frame painted once `ready` (a JavaScript expression) holds. Resolves to a reader
 * of the milliseconds.
 */
export function armClickToPaint(page: Page, ready: string): Promise<() => Promise<number>> {
  return armEventToPaint(
    page,
    'mousedown',
    paintedOnce(ready, 'document.body', '{ childList: true, subtree: true, characterData: true }'),
  );
}

/**
 * The renderer's JavaScript memory in MB, from the Chrome DevTools Protocol: the heap's live
 * objects and the array buffers' backing stores, which live outside the heap (the customer
 * filter's postings, about 37 MB, are typed arrays) and which the heap size alone leaves out.
 */
export async function rendererHeapMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    const usage = await session.send('Runtime.getHeapUsage');
    return (usage.usedSize + usage.embedderHeapUsedSize + usage.backingStorageSize) / (1024 * 1024);
  } finally {
    await session.detach();
  }
}
