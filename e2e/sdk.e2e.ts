// Go SDKs, hot-swapped per tab: each tab builds with the Go chosen for it, a second tab keeps its
// own, and the SDK manager shows what is installed and where the release list stands.
// The server's ~/sdk holds a second real toolchain (fetched once by the global setup).
import { FIRST_BUILD_TIMEOUT } from './pages/gopherlab-page';
import { PRINT_GO_VERSION } from './programs';
import { expect, test } from './support/fixtures';
import { SECOND_GO } from './support/toolchains';

test.use({ homeSdks: [SECOND_GO] });

test('pick another installed version in a tab, run, see it in the output and the status bar; a second tab keeps its own', async ({ app }) => {
  // The first build on the second toolchain compiles its standard library for wasip1.
  test.setTimeout(2 * FIRST_BUILD_TIMEOUT + 60_000);

  await expect(app.versions.trigger).toHaveAttribute('data-default', 'true');
  const pathGo = (await app.versions.shownVersion()) ?? '';
  expect(pathGo).toMatch(/^go1\.\d+/);
  expect(pathGo).not.toBe(SECOND_GO);
  await expect(app.statusGo).toHaveText(pathGo);

  // Tab 1: the toolchain from ~/sdk.
  await app.versions.open();
  await expect(app.versions.option(SECOND_GO)).toContainText('~/sdk');
  await expect(app.versions.option(pathGo)).toContainText('PATH');
  await expect(app.versions.option(pathGo)).toHaveAttribute('aria-selected', 'true');
  await app.versions.pick(SECOND_GO);
  await expect(app.statusGo).toHaveText(SECOND_GO);

  await app.runProgram(PRINT_GO_VERSION, 'button');
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText(`${SECOND_GO}\n`);
  await expect(app.runTime).toContainText(SECOND_GO);
  await expect(app.statusGo).toHaveText(SECOND_GO);

  // Tab 2: a new tab starts on the Go of the tab in front; put it back on the default (PATH).
  await app.addTab();
  await expect(app.statusGo).toHaveText(SECOND_GO);
  expect(await app.versions.pickDefault()).toBe(pathGo);
  await expect(app.statusGo).toHaveText(pathGo);

  await app.runProgram(PRINT_GO_VERSION, 'button');
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText(`${pathGo}\n`);
  await expect(app.statusGo).toHaveText(pathGo);

  // Back to tab 1: it kept its own version.
  await app.tabs.first().click();
  await expect(app.statusGo).toHaveText(SECOND_GO);
  await expect(app.versions.trigger).toHaveAttribute('data-version', SECOND_GO);

  // Each tab's choice is saved with the workspace.
  await app.waitForSaved();
  await app.reload();
  await expect(app.statusGo).toHaveText(SECOND_GO);
  await app.tabs.nth(1).click();
  await expect(app.statusGo).toHaveText(pathGo);
  await expect(app.versions.trigger).toHaveAttribute('data-default', 'true');
});

test('the picker is searchable and works from the keyboard', async ({ app, page }) => {
  await app.versions.pickDefault();

  await app.versions.trigger.focus();
  await page.keyboard.press('ArrowDown');
  await expect(app.versions.popover).toBeVisible();
  await expect(app.versions.search).toBeFocused();

  // Search narrows the installed list; Enter picks the highlighted option.
  await page.keyboard.type('1.22');
  await expect(app.versions.installedOptions).toHaveCount(1);
  await expect(app.versions.installedOptions.first()).toHaveAttribute('data-testid', `version-option-${SECOND_GO}`);
  await page.keyboard.press('Enter');
  await expect(app.versions.popover).toHaveCount(0);
  await expect(app.versions.trigger).toBeFocused();
  await expect(app.statusGo).toHaveText(SECOND_GO);

  // Arrow keys move the highlight; Escape closes without changing anything.
  await page.keyboard.press('ArrowDown');
  await expect(app.versions.popover).toBeVisible();
  await expect(app.versions.option(SECOND_GO)).toHaveClass(/is-active/);
  await page.keyboard.press('ArrowUp');
  await expect(app.versions.option(SECOND_GO)).not.toHaveClass(/is-active/);
  await page.keyboard.press('Escape');
  await expect(app.versions.popover).toHaveCount(0);
  await expect(app.statusGo).toHaveText(SECOND_GO);

  await app.versions.pickDefault();
});

test('the SDK manager lists the installed SDKs and the release catalogue', async ({ app }) => {
  const pathGo = (await app.versions.shownVersion()) ?? '';
  await app.sdkPanel.open();

  await expect(app.sdkPanel.row(pathGo)).toContainText('PATH');
  await expect(app.sdkPanel.row(pathGo)).toContainText('default');
  await expect(app.sdkPanel.row(SECOND_GO)).toContainText('~/sdk');
  // Toolchains Gopherlab did not install cannot be removed from it.
  await expect(app.sdkPanel.root.getByTestId(`remove-${SECOND_GO}`)).toHaveCount(0);

  // The catalogue answers from the proxy, or from its cache when offline: either way it names its source.
  await expect(app.sdkPanel.catalogState).toHaveAttribute('data-state', /^(online|offline)$/, { timeout: 60_000 });
  await expect(app.sdkPanel.catalogProxy).not.toBeEmpty();
  await expect(app.sdkPanel.catalogRefresh).toBeEnabled();
  await app.sdkPanel.catalogRefresh.click();
  await expect(app.sdkPanel.catalogState).toHaveAttribute('data-state', /^(online|offline)$/, { timeout: 60_000 });
  await app.sdkPanel.close();

  // The picker lists releases to install below the installed ones, without repeating them.
  await app.versions.open();
  const state = await app.versions.catalogState.getAttribute('data-state');
  if (state === 'online') {
    await expect(app.versions.availableOptions.first()).toBeVisible();
    await expect(app.versions.availableOptions.filter({ hasText: 'latest' }).first()).toBeVisible();
  }
  await expect(app.versions.availableOptions.filter({ has: app.page.getByTestId(`install-${SECOND_GO}`) })).toHaveCount(0);
  await expect(app.versions.availableOptions.filter({ has: app.page.getByTestId(`install-${pathGo}`) })).toHaveCount(0);
  await app.versions.close();
});

test('importing from a path that is not an archive shows the server’s reason inline', async ({ app }) => {
  await app.sdkPanel.open();
  await app.sdkPanel.importFrom('/nonexistent/go1.21.0.linux-amd64.tar.gz');
  await expect(app.sdkPanel.importError).toBeVisible();
  await expect(app.sdkPanel.importError).not.toBeEmpty();
  await expect(app.sdkPanel.importResult).toHaveCount(0);
  await app.sdkPanel.close();
});
