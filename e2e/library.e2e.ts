// The snippet library and sharing: snippets survive the server being killed, .txtar files
// round-trip byte for byte, the sidebar renames/duplicates/deletes/searches, and go.dev/play
// sharing works against a local server speaking its share API (go.dev itself is not reachable
// from the test machines) and says what to do when it cannot be reached.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { BrowserGlobals } from './pages/browser-globals';
import { GopherlabPage } from './pages/gopherlab-page';
import { LibrarySidebarPane } from './pages/library-sidebar';
import { ShareMenuPane } from './pages/share-menu';
import { distinctive } from './programs';
import { GopherlabServer } from './support/server';

/** A stand-in for go.dev's share API: POST /_/share stores and answers an id, GET /_/share?id= reads. */
class PlayServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly stored: Map<string, string>,
  ) {}

  static async start(): Promise<PlayServer> {
    const stored = new Map<string, string>();
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://play');
        if (url.pathname !== '/_/share') return void res.writeHead(404).end('not found');
        if (req.method === 'POST') {
          const body = Buffer.concat(chunks).toString('utf8');
          const id = createHash('sha256').update(body).digest('base64url').slice(0, 11);
          stored.set(id, body);
          return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(id);
        }
        const body = stored.get(url.searchParams.get('id') ?? '');
        if (body === undefined) return void res.writeHead(404).end('Snippet not found');
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return new PlayServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stored);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const test = base.extend<{ app: GopherlabPage; library: LibrarySidebarPane; share: ShareMenuPane }, { play: PlayServer; server: GopherlabServer }>({
  play: [
    // Playwright reads a fixture's needs from this pattern; it needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const play = await PlayServer.start();
      await use(play);
      await play.stop();
    },
    { scope: 'worker' },
  ],
  server: [
    async ({ play }, use) => {
      const server = await GopherlabServer.start({ env: { GOPHERLAB_PLAY_URL: play.url } });
      try {
        await use(server);
      } finally {
        await server.dispose();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  app: async ({ page, server }, use) => {
    const app = new GopherlabPage(page);
    await app.open(server.url);
    await use(app);
  },
  library: async ({ page }, use) => use(new LibrarySidebarPane(page)),
  share: async ({ page }, use) => use(new ShareMenuPane(page)),
});

const unique = (label: string) => `${label}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test('a snippet typed, then the server killed and restarted, is still there — open or closed', async ({ app, library, server, page }) => {
  const kept = unique('kept');
  await app.addTab();
  await app.editor.replaceText(distinctive(kept));
  const id = await library.activeId();
  await app.waitForSaved();
  await expect(library.byId(id)).toHaveCount(1);

  // A second snippet, typed and then closed: it stays in the library.
  const closed = unique('closed');
  await app.addTab();
  await app.editor.replaceText(distinctive(closed));
  const closedId = await library.activeId();
  await app.waitForSaved();
  await page.locator('[data-testid="tab"][data-active="true"]').getByTestId('tab-close').click();
  await expect(library.byId(closedId)).toHaveAttribute('data-open', 'false');
  await app.waitForSaved();

  // Killed like a crash: no shutdown code runs.
  await server.restart('SIGKILL');
  await app.open(server.url);

  await expect(library.byId(id)).toHaveAttribute('data-open', 'true');
  await expect(library.byId(closedId)).toHaveAttribute('data-open', 'false');
  await library.byId(id).getByTestId('library-item-open').click();
  await expect(library.activeItem).toHaveAttribute('data-id', id);
  await expect.poll(() => app.editor.visibleText()).toContain(kept);

  // Opening the closed one from the library brings back its tab and its text.
  await library.byId(closedId).getByTestId('library-item-open').click();
  await expect(library.byId(closedId)).toHaveAttribute('data-open', 'true');
  await expect(library.activeItem).toHaveAttribute('data-id', closedId);
  await expect.poll(() => app.editor.visibleText()).toContain(closed);
});

test('a .txtar exported and imported round-trips byte for byte', async ({ app, share, library }) => {
  const dir = test.info().outputDir;
  mkdirSync(dir, { recursive: true });
  const marker = unique('txtar');
  // A multi-file snippet whose last file has no final newline, and a non-ASCII string.
  const source = `-- go.mod --\nmodule example.com/rt\n\ngo 1.21\n-- main.go --\npackage main\n\nimport "fmt"\n\nfunc main() { fmt.Println("${marker} — héllo, 世界") }`;
  await app.addTab();
  await app.editor.replaceText(source);
  await app.waitForSaved();

  const first = await share.exportTxtar(dir);
  expect(first.bytes.equals(Buffer.from(source, 'utf8'))).toBe(true);

  const before = await app.tabs.count();
  await share.importTxtar(first.path);
  await expect(app.tabs).toHaveCount(before + 1);
  await expect(app.tabs.nth(before)).toHaveAttribute('data-active', 'true');
  await expect.poll(() => app.editor.visibleText()).toContain(marker);
  const again = await share.exportTxtar(dir);
  expect(again.bytes.equals(first.bytes)).toBe(true);
  expect(again.name).toBe(first.name);

  // A one-file snippet is written as a real archive (`-- prog.go --` first) and comes back as the plain file.
  const single = `package main\n\nfunc main() { println("${unique('single')}") }`;
  await app.editor.replaceText(single);
  await app.waitForSaved();
  const exported = await share.exportTxtar(dir);
  expect(exported.bytes.toString('utf8')).toBe(`-- prog.go --\n${single}`);
  await share.importTxtar(exported.path);
  await expect(app.tabs).toHaveCount(before + 2);
  const back = await share.exportTxtar(dir);
  expect(back.bytes.equals(exported.bytes)).toBe(true);
  await expect.poll(() => app.editor.visibleText()).not.toContain('-- prog.go --');
  // It is a snippet like any other, named after its file.
  await expect(library.activeItem.getByTestId('library-item-title')).toHaveText(exported.name.replace(/\.txtar$/, ''));

  // A file that cannot be a snippet is refused with what to do, and nothing is opened.
  const bad = join(dir, 'escape.txtar');
  writeFileSync(bad, '-- ../outside.go --\npackage main\n');
  await share.importTxtar(bad);
  await expect(share.note).toContainText('points outside the snippet');
  await expect(share.note).toContainText('import it again');
  await expect(app.tabs).toHaveCount(before + 2);
  await share.close();
});

test('the sidebar renames, duplicates, deletes and searches snippets', async ({ app, library }) => {
  const word = unique('needle');
  const name = unique('lib');
  await app.addTab();
  await app.editor.replaceText(distinctive(word));
  const id = await library.activeId();
  await app.waitForSaved();

  // Rename: the library and the open tab both take the new name, and it is kept.
  await library.rename(id, name);
  await expect(app.tabs.filter({ hasText: name })).toHaveCount(1);

  // Duplicate: a second snippet with the same text, not opened.
  const tabsBefore = await app.tabs.count();
  await library.duplicate(id);
  const copyId = await library.idOf(`${name} (copy)`);
  await expect(app.tabs).toHaveCount(tabsBefore);
  await library.open(`${name} (copy)`);
  await expect(app.tabs).toHaveCount(tabsBefore + 1);
  await expect.poll(() => app.editor.visibleText()).toContain(word);

  // Search by code finds both and shows the line; by name finds the one.
  await library.searchFor(word.toUpperCase());
  await expect(library.titles).toHaveText([`${name} (copy)`, name]);
  await expect(library.item(name).locator('.library-item-match')).toContainText(word);
  await library.searchFor(`${name} (copy)`);
  await expect(library.titles).toHaveText([`${name} (copy)`]);
  await library.searchFor('no snippet has this in it');
  await expect(library.empty).toContainText('No snippet has');
  await library.searchFor('');

  // Delete asks first; keeping changes nothing; deleting closes its tab and it stays gone after a reload.
  const item = library.byId(copyId);
  await item.hover();
  await item.getByTestId('library-delete').click();
  await item.getByTestId('library-delete-cancel').click();
  await expect(item).toHaveCount(1);
  await library.delete(copyId);
  await expect(app.tabs).toHaveCount(tabsBefore);
  await app.waitForSaved();
  await app.reload();
  await expect(library.item(name)).toHaveCount(1);
  await expect(library.item(`${name} (copy)`)).toHaveCount(0);

  // The drift examples are there, read-only: opening one opens a copy in a new tab, and editing
  // the copy leaves the example as it was.
  await library.examples.locator('summary').click();
  const example = library.examples.getByTestId('library-example').first();
  await expect(example).toBeVisible();
  const count = await app.tabs.count();
  await example.getByRole('button').click();
  await expect(app.tabs).toHaveCount(count + 1);
  await expect.poll(() => app.editor.visibleText()).toContain('package main');
  const edited = unique('edited-example');
  await app.editor.replaceText(distinctive(edited));
  await example.getByRole('button').click();
  await expect(app.tabs).toHaveCount(count + 2);
  await expect.poll(() => app.editor.visibleText()).toContain('package main');
  expect(await app.editor.visibleText()).not.toContain(edited);
});

test('runs are kept in each snippet’s history, with their output', async ({ app, library }) => {
  const word = unique('history');
  await app.addTab();
  await app.runProgram(distinctive(word), 'button');
  await expect(app.output.status).toHaveAttribute('data-status', 'ok');
  const id = await library.activeId();
  await library.showHistory(id);
  const runs = library.runs.getByTestId('library-run');
  await expect(runs).toHaveCount(1);
  await expect(runs.first()).toHaveAttribute('data-status', 'ok');
  await runs.first().click();
  await expect(library.runs.getByTestId('library-run-output')).toContainText(word);

  // A second run goes on top, and the history survives a reload.
  await app.runAndWait('button');
  await expect(runs).toHaveCount(2);
  await app.reload();
  await library.showHistory(id);
  await expect(runs).toHaveCount(2);
});

test('sharing to go.dev/play and importing a link, and copying as Markdown', async ({ app, share, play, page }) => {
  const word = unique('play');
  const source = distinctive(word);
  await app.addTab();
  await app.editor.replaceText(source);
  await app.waitForSaved();

  const url = await share.shareToPlay();
  const id = url.split('/').pop() ?? '';
  expect(url).toBe(`${play.url}/play/p/${id}`);
  expect(play.stored.get(id)).toBe(source);
  await page.getByTestId('share-copy-url').click();
  await expect(page.getByTestId('share-copy-url')).toHaveText('Copied');
  expect(await readClipboard(page)).toBe(url);
  await share.close();

  // The same snippet comes back from a go.dev link form, as a new tab.
  const before = await app.tabs.count();
  await share.importPlayLink(`https://go.dev/play/p/${id}.go`);
  await expect(app.tabs).toHaveCount(before + 1);
  await expect(app.tabs.nth(before)).toContainText(`play ${id}`);
  await expect.poll(() => app.editor.visibleText()).toContain(word);

  // A link to nothing, and text that is no link, are refused with what to do.
  await share.importPlayLink('https://go.dev/play/p/NoSuchSnip1');
  await expect(share.error).toHaveText('go.dev/play has no snippet NoSuchSnip1; check the link');
  await share.importPlayLink('https://example.com/elsewhere');
  await expect(share.error).toContainText('is not a go.dev/play link');
  await share.close();
  await expect(app.tabs).toHaveCount(before + 1);

  await share.copyMarkdown();
  expect(await readClipboard(page)).toBe(`\`\`\`go\n${source}\`\`\`\n`);
});

test('when go.dev cannot be reached, sharing says so and what to do instead', async ({ page }) => {
  // A name that never resolves: what go.dev looks like from a machine that is offline.
  const server = await GopherlabServer.start({ env: { GOPHERLAB_PLAY_URL: 'https://go.dev.invalid' } });
  try {
    const app = new GopherlabPage(page);
    const share = new ShareMenuPane(page);
    await app.open(server.url);
    const word = unique('offline');
    await app.editor.replaceText(distinctive(word));

    await share.startShareToPlay();
    await expect(share.error).toHaveText(
      'go.dev.invalid is not reachable (its name does not resolve): you are offline or it is blocked; export a .txtar instead (Share ▸ Export .txtar)',
    );
    await share.close();
    await share.importPlayLink('https://go.dev/play/p/AbCdEfGhIjK');
    await expect(share.error).toContainText('is not reachable');
    await expect(share.error).toContainText('import the snippet as a .txtar instead');
    await share.close();
    // Nothing was lost or opened.
    await expect(app.tabs).toHaveCount(1);
    await expect.poll(() => app.editor.visibleText()).toContain(word);
  } finally {
    await server.dispose();
  }
});

function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText());
}
