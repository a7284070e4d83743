import type { Page } from 'playwright-core';

/**
 * Sets the customer search box to `value` the way typing does and resolves with the time until
 * the list has repainted: the input event, the call to main, the new rows, the next frame.
 */
export async function keystrokeToPaint(page: Page, value: string): Promise<number> {
  return page.evaluate(`(async () => {
    const input = document.querySelector('input[aria-label="Search customers"]');
    const region = input.closest('section');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    // The pane marks which query its rows and counts answer; wait for ours, then for the next frame.
    const answered = () => new Promise((resolve) => {
      const done = () => region.dataset.shownQuery === ${JSON.stringify(value)};
      queueMicrotask(() => {
        if (done()) return resolve();
        const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
        observer.observe(region, { attributes: true, attributeFilter: ['data-shown-query'] });
      });
    });
    const start = performance.now();
    setter.call(input, ${JSON.stringify(value)});
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await answered();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - start;
  })()`);
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
 * click) to the frame painted once `ready` (a JavaScript expression) holds. Measured in the page,
 * like keystrokeToPaint, so the Playwright client's round trips (tens of ms: it shares the
 * process with the handlers) are not counted as the app's. Resolves to the milliseconds.
 */
export async function armClickToPaint(page: Page, ready: string): Promise<() => Promise<number>> {
  await page.evaluate(`void (window.__clickToPaint = new Promise((resolve) => {
    addEventListener('mousedown', (event) => {
      const start = event.timeStamp;
      const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
      if (${ready}) return painted();
      const observer = new MutationObserver(() => { if (${ready}) { observer.disconnect(); painted(); } });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    }, { capture: true, once: true });
  }))`);
  return () => page.evaluate('window.__clickToPaint') as Promise<number>;
}

/** The renderer's JavaScript heap in MB, from the Chrome DevTools Protocol. */
export async function rendererHeapMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
    return used / (1024 * 1024);
  } finally {
    await session.detach();
  }
}
