import { expect, type Locator, type Page } from '@playwright/test';

/** Region "Services" of the main window: a tree. */
export class ServicesPane {
  readonly region: Locator;
  readonly search: Locator;
  readonly count: Locator;
  readonly tree: Locator;
  readonly showInvalid: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Services' });
    this.search = this.region.getByRole('searchbox', { name: 'Filter services' });
    this.count = this.region.getByRole('status', { name: 'Services count' });
    this.tree = this.region.getByRole('tree', { name: 'Services' });
    this.showInvalid = this.region.getByRole('checkbox', { name: 'Show invalid' });
  }

  item(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  async visibleNames(): Promise<string[]> {
    // Page models are built without the DOM's types: the elements are typed by what is read of them.
    return this.tree
      .getByRole('treeitem')
      .evaluateAll((items: readonly { getAttribute: (name: string) => string | null }[]) =>
        items.map((item) => item.getAttribute('aria-label') ?? ''),
      );
  }

  async expectCount(text: string): Promise<void> {
    await expect(this.count).toHaveText(text);
  }
}

/** Dialog "New service" / "Edit service". */
export class ServiceDialog {
  readonly dialog: Locator;

  constructor(
    readonly page: Page,
    title: 'New service' | 'Edit service',
  ) {
    this.dialog = page.getByRole('dialog', { name: title });
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  async submit(): Promise<void> {
    await this.dialog.getByRole('button', { name: /^(Create|Save)$/ }).click();
  }
}
