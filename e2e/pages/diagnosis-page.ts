import { expect, type Locator, type Page } from '@playwright/test';

/** The diagnosis of one path: verdict banner, path graph, hop details and fixes. */
export class DiagnosisPage {
  readonly verdict: Locator;
  readonly hopDetails: Locator;

  constructor(readonly page: Page) {
    this.verdict = page.getByTestId('verdict');
    this.hopDetails = page.getByTestId('hop-details');
  }

  /** Opens the query URL of a diagnosis, which runs it. */
  async open(request: { cluster: string; namespace: string; pod: string; destination: string; port: number; protocol: string }): Promise<void> {
    const params = new URLSearchParams({ cluster: request.cluster, namespace: request.namespace, pod: request.pod, to: request.destination, port: String(request.port), protocol: request.protocol });
    await this.page.goto(`/diagnose?${params.toString()}`);
  }

  hop(kind: string): Locator {
    return this.page.getByTestId(`hop-${kind}`);
  }

  /** The graph's branch node of one resolved address. */
  addressBranch(address: string): Locator {
    return this.page.getByTestId(`node-address-${address}`);
  }

  /** The banner's line saying how each resolved address fared. */
  addressesLine(): Locator {
    return this.verdict.getByTestId('verdict-addresses');
  }

  async expectVerdict(verdict: string): Promise<void> {
    await expect(this.verdict).toHaveAttribute('data-verdict', verdict, { timeout: 30_000 });
  }

  async expectBlockingHop(kind: string): Promise<void> {
    await expect(this.hop(kind)).toHaveAttribute('data-verdict', 'block');
  }

  async openHop(kind: string): Promise<void> {
    await this.hop(kind).click();
    await expect(this.hopDetails).toHaveAttribute('data-hop', kind);
  }

  fixes(): Locator {
    return this.hopDetails.getByRole('article');
  }

  /** The fixes that can be applied from here (manual fixes, such as going through a proxy, cannot). */
  applicableFixes(): Locator {
    return this.fixes().filter({ has: this.page.getByRole('button', { name: /^Apply…/ }) });
  }

  /** The "This looks intentional" note of a deny that looks deliberate. */
  intentNote(): Locator {
    return this.hopDetails.getByRole('note').filter({ hasText: /^This looks intentional:/ });
  }

  /** The Copy buttons of the fixes' commands (manual fixes have none). */
  fixCommandCopyButtons(): Locator {
    return this.hopDetails.getByRole('button', { name: /^Copy command:/ });
  }

  /** Copies the first fix command and returns what reached the clipboard. */
  async copyFirstFixCommand(): Promise<string> {
    const button = this.fixCommandCopyButtons().first();
    await button.click();
    await expect(button).toHaveText('Copied');
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** Every hop node of the graph and row of the hop table, as `kind:verdict`. */
  async graphAndTable(): Promise<{ graph: string[]; table: string[] }> {
    const graph = await this.page.locator('[data-testid^="hop-"][data-verdict]').evaluateAll((nodes) => nodes.map((node) => `${(node.getAttribute('data-testid') ?? '').slice(4)}:${node.getAttribute('data-verdict') ?? ''}`));
    const table = await this.page.getByRole('table', { name: 'Hops' }).locator('tr[data-hop]').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-hop') ?? ''}:${row.getAttribute('data-verdict') ?? ''}`));
    return { graph, table };
  }

  /** Graph nodes whose text does not fit: the box or its title overflows (clipped or cut). */
  async overflowingNodes(): Promise<string[]> {
    return this.page.locator('[data-testid^="hop-"][data-verdict], [data-testid="node-source"], [data-testid="node-destination"], [data-testid^="node-address-"]').evaluateAll((nodes) =>
      nodes.flatMap((node) => {
        const box = node.getBoundingClientRect();
        const title = node.firstElementChild;
        const overflows =
          node.scrollHeight > node.clientHeight + 1 ||
          node.scrollWidth > node.clientWidth + 1 ||
          (title !== null && title.scrollWidth > title.clientWidth + 1) ||
          Array.from(node.children).some((child) => child.getBoundingClientRect().right > box.right + 1 || child.getBoundingClientRect().bottom > box.bottom + 1);
        return overflows ? [node.getAttribute('data-testid') ?? '?'] : [];
      }),
    );
  }

  async copyShareLink(): Promise<string> {
    await this.page.getByRole('button', { name: 'Copy link to this diagnosis' }).click();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
