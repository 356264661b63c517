// The Monaco editor, as a user sees and types into it.
import { expect, type Locator, type Page } from '@playwright/test';
import { DEFAULT_FILE_NAME, parseTxtar } from '../../shared/txtar';
import type { BrowserGlobals } from './browser-globals';

export class EditorPane {
  readonly root: Locator;
  readonly lines: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('editor').locator('.monaco-editor');
    this.lines = this.root.locator('.view-lines');
  }

  async focus(): Promise<void> {
    await this.lines.click();
  }

  /**
   * Replaces the whole snippet the way a user pastes a program: select all, paste. (Typing it, even
   * with keyboard.insertText, lets Monaco auto-indent each new line, which would shift columns.) The
   * editor shows one file of the snippet; pasting a whole txtar archive replaces every file, so a
   * single program goes in as a one-file archive when the snippet has other files.
   */
  async replaceText(text: string): Promise<void> {
    const strip = this.page.getByTestId('file-strip').getByTestId('file-tab');
    const names = await strip.evaluateAll((els) => els.map((e) => e.getAttribute('data-file')));
    const archive = /^-- .+ --\r?$/.test(text.split('\n', 1)[0] ?? '');
    const payload = archive || (names.length === 1 && names[0] === DEFAULT_FILE_NAME) ? text : `-- ${DEFAULT_FILE_NAME} --\n${text}`;
    await this.page.evaluate((t) => (globalThis as unknown as BrowserGlobals).navigator.clipboard.writeText(t), payload);
    await this.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('ControlOrMeta+V');
    const files = parseTxtar(text).files;
    await expect.poll(() => strip.evaluateAll((els) => els.map((e) => e.getAttribute('data-file')))).toEqual(files.map((f) => f.name));
    const shown = await this.page.getByTestId('file-strip').locator('[data-testid="file-tab"][data-active="true"]').getAttribute('data-file');
    const firstLine = (files.find((f) => f.name === shown)?.content ?? '').split('\n')[0] ?? '';
    await expect.poll(async () => (await this.visibleText()).startsWith(firstLine)).toBe(true);
  }

  async pressRunShortcut(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('ControlOrMeta+Enter');
  }

  /** The visible text, with Monaco's non-breaking spaces turned back into spaces. */
  async visibleText(): Promise<string> {
    const text = await this.lines.innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  /** The line number shown beside a vertical position in the editor. */
  private async lineNumberAt(y: number): Promise<number | null> {
    const numbers = this.root.locator('.margin .line-numbers');
    const count = await numbers.count();
    for (let i = 0; i < count; i++) {
      const el = numbers.nth(i);
      const box = await el.boundingBox();
      if (box && y >= box.y && y < box.y + box.height) return Number((await el.innerText()).trim());
    }
    return null;
  }

  /** The editor lines that carry an error squiggle, found by where Monaco drew each one. */
  async errorSquiggleLines(): Promise<number[]> {
    const squiggles = this.root.locator('.view-overlays .squiggly-error');
    const count = await squiggles.count();
    const lines: number[] = [];
    for (let i = 0; i < count; i++) {
      const box = await squiggles.nth(i).boundingBox();
      if (!box) continue;
      const line = await this.lineNumberAt(box.y + box.height / 2);
      if (line !== null) lines.push(line);
    }
    return [...new Set(lines)].sort((a, b) => a - b);
  }

  /** The line the cursor is on, as Monaco highlights its number. */
  async cursorLine(): Promise<number> {
    const active = this.root.locator('.margin .line-numbers.active-line-number');
    return Number((await active.first().innerText()).trim());
  }
}
