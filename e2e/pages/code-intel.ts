// What gopls adds to the editor, as a user meets it: the suggestion list, the hover card, the
// notice when gopls is missing.
import type { Locator, Page } from '@playwright/test';
import { SHOW_TEXT, type BrowserGlobals } from './browser-globals';

export class CodeIntelPane {
  readonly suggestions: Locator;
  readonly hover: Locator;
  readonly notice: Locator;
  readonly installButton: Locator;
  readonly dismissButton: Locator;

  constructor(private readonly page: Page) {
    this.suggestions = page.locator('.suggest-widget.visible .monaco-list-row');
    this.hover = page.locator('.monaco-hover:not(.hidden)');
    this.notice = page.getByTestId('gopls-notice');
    this.installButton = this.notice.getByRole('button', { name: /install gopls/i });
    this.dismissButton = this.notice.getByRole('button', { name: 'Dismiss the gopls notice' });
  }

  suggestion(label: string): Locator {
    return this.suggestions.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
  }

  /**
   * Where a word sits on the line that contains `onLine`, as the editor draws it. Found in the
   * text itself, not by token spans: a theme may draw `fmt.Println` as one span or as three.
   */
  async wordPoint(text: string, onLine: string): Promise<{ x: number; y: number }> {
    const line = this.page.getByTestId('editor').locator('.view-lines .view-line').filter({ hasText: onLine }).first();
    await line.waitFor();
    const point = await line.evaluate(
      (el, [word, showText]) => {
      const { document } = globalThis as unknown as BrowserGlobals;
      const walker = document.createTreeWalker(el, showText);
      const re = new RegExp(`(^|[^A-Za-z0-9_])(${word})(?![A-Za-z0-9_])`);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const m = re.exec(node.textContent ?? '');
        if (!m) continue;
        const start = m.index + (m[1]?.length ?? 0);
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + word.length);
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      return null;
    },
      [text, SHOW_TEXT] as const,
    );
    if (!point) throw new Error(`"${text}" is not on the editor line with "${onLine}"`);
    return point;
  }

  async hoverWord(text: string, onLine: string): Promise<void> {
    const p = await this.wordPoint(text, onLine);
    await this.page.mouse.move(p.x, p.y);
  }

  async clickWord(text: string, onLine: string): Promise<void> {
    const p = await this.wordPoint(text, onLine);
    await this.page.mouse.click(p.x, p.y);
  }
}
