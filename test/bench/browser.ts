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
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
      observer.observe(region.querySelector('.virtual-rows, .list-empty') ?? region, { subtree: true, childList: true, characterData: true, attributes: true });
      observer.observe(region.querySelector('output'), { subtree: true, childList: true, characterData: true });
      setTimeout(() => { observer.disconnect(); resolve(); }, 2000);
    });
    const start = performance.now();
    setter.call(input, ${JSON.stringify(value)});
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await changed;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - start;
  })()`);
}

/** Waits until both lists show rows and their counts. */
export async function listsPainted(page: Page): Promise<void> {
  await page.getByRole('region', { name: 'Customers' }).getByRole('row').first().waitFor();
  await page.getByRole('region', { name: 'Services' }).getByRole('treeitem').first().waitFor();
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
