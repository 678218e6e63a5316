import { expect, type Locator, type Page } from '@playwright/test';

export type Locale = 'en' | 'ja' | 'zh';

/**
 * Runs of four or more English words in the text of `container`, leaving out what is shown as
 * it is (`[data-verbatim]`: ids, commands, YAML, API parameters, values read from the cloud) and
 * what a sentence quotes of the operator's own words (a rule's description in “…” or 「…」).
 * Text nodes are joined with a space, so a sentence split over several elements still counts.
 */
export async function englishRuns(container: Locator): Promise<string[]> {
  return container.evaluate((root) => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent?.closest('[data-verbatim], script, style, noscript, template')) continue;
      parts.push(node.textContent ?? '');
    }
    const text = parts.join(' ').replace(/“[^”]*”|「[^」]*」/g, ' ');
    return text.match(/[A-Za-z][A-Za-z'’-]*(?:[\s,;:()]+[A-Za-z][A-Za-z'’-]*){3,}/g) ?? [];
  });
}

/** The labels a page gives its controls (placeholders, aria-labels, titles) with four or more English words in a row. */
export async function englishLabels(container: Locator): Promise<string[]> {
  return container.evaluate((root) =>
    [...root.querySelectorAll('[placeholder], [aria-label], [title]')]
      .filter((element) => !element.closest('[data-verbatim]'))
      .flatMap((element) => ['placeholder', 'aria-label', 'title'].map((name) => element.getAttribute(name) ?? ''))
      .map((text) => text.replace(/“[^”]*”|「[^」]*」/g, ' '))
      .filter((text) => /[A-Za-z][A-Za-z'’-]*(?:[\s,;:()]+[A-Za-z][A-Za-z'’-]*){3,}/.test(text)),
  );
}

/** Picks a language in the header's switcher and waits for the page to render in it. */
export async function switchTo(page: Page, locale: Locale): Promise<void> {
  await page.getByRole('combobox').filter({ has: page.locator(`option[value="${locale}"]`) }).selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', locale === 'zh' ? /^zh/ : locale);
}
