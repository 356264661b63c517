// The editor without gopls anywhere (only the Go on PATH, a HOME without ~/go/bin): a small notice
// offers to install it, and editing and running work as they always did; Install puts gopls in the
// app's store through the module proxy and the editor gains completion.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { CodeIntelPane } from './pages/code-intel';
import { expect, test } from './support/fixtures';

const HELLO = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello")\n}\n';

// Only the Go on PATH, and a HOME without ~/go/bin: no gopls anywhere.
const goBin = join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim(), 'bin');
const home = mkdtempSync(join(tmpdir(), 'gopherlab-e2e-nogopls-'));
test.use({ serverEnv: { PATH: [goBin, '/usr/bin', '/bin'].join(delimiter), HOME: home } });
test.afterAll(() => rmSync(home, { recursive: true, force: true }));

test('a notice offers to install gopls, and the editor and runs work as before', async ({ app, page }) => {
  const intel = new CodeIntelPane(page);
  await expect(intel.notice).toContainText('Completion, hover and diagnostics need gopls.');
  await expect(intel.installButton).toBeVisible();
  await expect(intel.installButton).toHaveAttribute('title', /Downloads gopls v0\.\d+\.\d+ through the module proxy and builds it with go1\.\d+/);

  await app.editor.replaceText(HELLO);
  await app.runAndWait('button');
  await expect(app.output.stdout).toHaveText('hello\n');

  await intel.dismissButton.click();
  await expect(intel.notice).toBeHidden();
});

test('Install gopls from the notice: progress, then completion works, from the app’s own store', async ({ app, page, server }) => {
  // Downloads through the module proxy and builds; the first time on a machine compiles ~700 packages.
  test.setTimeout(900_000);
  const intel = new CodeIntelPane(page);
  await intel.installButton.click();
  await expect(intel.notice).toContainText('Installing gopls');
  await expect(intel.notice).toBeHidden({ timeout: 840_000 });
  const store = join(server.home, 'tools', 'gopls');
  const [release] = readdirSync(store).filter((n) => n.startsWith('v'));
  expect(existsSync(join(store, release!, 'gopls'))).toBe(true);

  await app.editor.replaceText('package main\n\nimport "fmt"\n\nfunc main() {\n\t\n}\n');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.type('fmt.Printl');
  await expect(intel.suggestion('Println')).toContainText('(a ...any)');
});
