// Version drift, as an instructor shows it: open a curated example, run it across go lines and
// releases, see identical results grouped into classes and two classes diffed side by side; then
// bisect to the first release with the new behaviour. Only installed toolchains are used (the
// PATH Go and go1.22.12 in the server's ~/sdk), so nothing is downloaded.
import type { BrowserGlobals } from './pages/browser-globals';
import { FIRST_BUILD_TIMEOUT } from './pages/gopherlab-page';
import { PRINT_GO_VERSION } from './programs';
import { expect, test } from './support/fixtures';
import { SECOND_GO } from './support/toolchains';

test.use({ homeSdks: [SECOND_GO] });

test('the loop-variable example on the language axis: two classes, diffed side by side, saved with the tab', async ({ app, page }, testInfo) => {
  const pathGo = (await app.versions.shownVersion()) ?? '';
  expect(pathGo).toMatch(/^go1\.(2[2-9]|[3-9]\d)/);

  await app.drift.openExample('loopvar');
  await expect(app.tabs.filter({ hasText: 'loopvar.go' })).toHaveAttribute('data-active', 'true');
  await expect.poll(() => app.editor.visibleText()).toContain('prints = append(prints, func() { fmt.Print(i) })');
  // The example's axis is the language: go lines on the tab's toolchain.
  await expect(app.drift.axisLanguage).toHaveAttribute('aria-checked', 'true');
  await expect(app.drift.fixedToolchain).toHaveText(pathGo);

  await app.drift.chooseLines(['1.21', '1.22']);
  await app.drift.wide.click();
  await app.drift.run(FIRST_BUILD_TIMEOUT);

  // Each cell as it ran, then the two behaviours.
  await expect(app.drift.gridRows).toHaveCount(2);
  await expect(app.drift.cell('1.21')).toHaveAttribute('data-status', 'ok');
  await expect(app.drift.cell('1.21')).toHaveAttribute('data-class', 'A');
  await expect(app.drift.cell('1.21').getByTestId('matrix-output')).toHaveText('333');
  await expect(app.drift.cell('1.22')).toHaveAttribute('data-class', 'B');
  await expect(app.drift.cell('1.22').getByTestId('matrix-output')).toHaveText('012');
  await expect(app.drift.classRows).toHaveCount(2);
  await expect(app.drift.classRow('A').getByTestId('class-label')).toHaveText('1.21');
  await expect(app.drift.classRow('A').getByTestId('class-output')).toHaveText('333');
  await expect(app.drift.classRow('B').getByTestId('class-label')).toHaveText('1.22');
  await expect(app.drift.classRow('B').getByTestId('class-output')).toHaveText('012');

  // Two classes are compared at once; a click takes one out, another puts it back.
  await expect(app.drift.diff).toBeVisible();
  await app.drift.classRow('B').click();
  await expect(app.drift.classRow('B')).toHaveAttribute('aria-pressed', 'false');
  await expect(app.drift.diff).toHaveCount(0);
  await app.drift.classRow('B').click();
  await expect(app.drift.classRow('A')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.drift.classRow('B')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.drift.diff).toHaveAttribute('data-left', 'A');
  await expect(app.drift.diff).toHaveAttribute('data-right', 'B');
  await expect.poll(() => app.drift.diffText('original')).toContain('333');
  await expect.poll(() => app.drift.diffText('modified')).toContain('012');
  expect(await app.drift.diffText('original')).not.toContain('012');
  expect(await app.drift.diffText('modified')).not.toContain('333');
  await expect(app.drift.diffChange).toContainText(`The go line changed (1.21 → 1.22) on the same toolchain (${pathGo})`);
  // Monaco marks the changed line on both sides.
  await expect(app.drift.diff.locator('.editor.original .line-delete, .editor.original .char-delete').first()).toBeVisible();
  await expect(app.drift.diff.locator('.editor.modified .line-insert, .editor.modified .char-insert').first()).toBeVisible();
  // Once run, the setup folds into one line: the classes and the diff fill the panel.
  await expect(page.getByTestId('matrix-setup-line')).toContainText('1.21, 1.22');
  await app.drift.diff.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('drift-matrix-language.png') });

  // The matrix is saved with the snippet: it is there again after a reload.
  await app.waitForSaved();
  await app.reload();
  await app.drift.open();
  await expect(app.drift.summary).toContainText('saved with this tab');
  await expect(app.drift.classRows).toHaveCount(2);
  await expect(app.drift.classRow('B').getByTestId('class-output')).toHaveText('012');
});

test('a toolchain-axis matrix over the two installed releases groups the cells by what they did', async ({ app, page }, testInfo) => {
  // The first build with go1.22.12 compiles its standard library for wasip1.
  test.setTimeout(2 * FIRST_BUILD_TIMEOUT + 60_000);
  const pathGo = (await app.versions.shownVersion()) ?? '';

  await app.drift.openExample('loopvar');
  await app.drift.axisToolchain.click();
  await app.drift.pickInstalled.click();
  await expect(page.getByTestId(`matrix-chip-${SECOND_GO}`)).toBeVisible();
  await expect(page.getByTestId(`matrix-chip-${pathGo}`)).toBeVisible();
  await expect(page.locator('[data-testid^="matrix-chip-"]')).toHaveCount(2);
  // Both are installed: nothing to download.
  await expect(app.drift.installMissing).toHaveCount(0);
  await expect(app.drift.runMatrix).toHaveText('▶ Run on 2 releases');

  await app.drift.run(2 * FIRST_BUILD_TIMEOUT);

  await expect(app.drift.gridRows).toHaveCount(2);
  const classes: string[] = [];
  for (const v of [SECOND_GO, pathGo]) {
    await expect(app.drift.cell(v)).toHaveAttribute('data-status', 'ok');
    classes.push((await app.drift.cell(v).getAttribute('data-class')) ?? '');
  }
  // Whatever the go line made of the loop, the classes are what the cells say.
  const distinct = [...new Set(classes)];
  expect(distinct[0]).toBe('A');
  await expect(app.drift.classRows).toHaveCount(distinct.length);
  await expect(app.drift.classCount).toHaveText(String(distinct.length));
  if (distinct.length === 2) {
    await expect(app.drift.diffChange).toContainText(`The toolchain changed (${SECOND_GO} → ${pathGo})`);
  } else {
    await expect(app.drift.classRow('A').getByTestId('class-label')).toHaveText(`${SECOND_GO}–${pathGo}`);
    await expect(app.drift.diff).toHaveCount(0);
  }
  await page.screenshot({ path: testInfo.outputPath('drift-matrix-toolchain.png') });
});

test('a bisect between two installed releases streams its steps and names the first release', async ({ app, page }, testInfo) => {
  test.setTimeout(2 * FIRST_BUILD_TIMEOUT + 60_000);
  const pathGo = (await app.versions.shownVersion()) ?? '';
  await app.editor.replaceText(PRINT_GO_VERSION);

  await app.drift.open();
  await app.drift.section('bisect');
  await app.drift.good.selectOption(SECOND_GO);
  await app.drift.bad.selectOption(pathGo);
  // Installed releases are marked; releases from go1.21 on run in WASM, so no Docker mark.
  await expect(app.drift.good.locator('option:checked')).toHaveText(`${SECOND_GO} ✓`);
  await expect(app.drift.bad.locator('option:checked')).toHaveText(`${pathGo} ✓`);
  // New behaviour: the program prints the newer release's name.
  await app.drift.expectKind.selectOption('stdout-contains');
  await app.drift.expectValue.fill(pathGo);
  // Only go1.22's releases in between: there are none after go1.22.12, so nothing to install.
  await app.drift.minor.selectOption('1.22');
  await expect(app.drift.plan).toHaveText('About 2 builds over 2 releases');
  await app.drift.wide.click();
  await app.drift.startBisect.click();

  // The live log fills in as each release is judged.
  await expect(app.drift.stepRows.first()).toHaveAttribute('data-version', SECOND_GO, { timeout: 2 * FIRST_BUILD_TIMEOUT });
  await expect(app.drift.stepRows.first()).toHaveAttribute('data-verdict', 'old');
  await expect(app.drift.report).toBeVisible({ timeout: 2 * FIRST_BUILD_TIMEOUT });
  await expect(app.drift.stepRows).toHaveCount(2);
  await expect(app.drift.stepRows.nth(1)).toHaveAttribute('data-version', pathGo);
  await expect(app.drift.stepRows.nth(1)).toHaveAttribute('data-verdict', 'new');
  await expect(app.drift.stepRows.nth(1)).toContainText(pathGo);

  // The report: the first release with the new behaviour, the last with the old, builds vs releases.
  await expect(app.drift.report).toHaveAttribute('data-kind', 'found');
  await expect(app.drift.reportFirst).toHaveText(pathGo);
  await expect(app.drift.reportLast).toHaveText(`last with the old: ${SECOND_GO}`);
  await expect(app.drift.reportBuilds).toHaveText('2 builds over 2 releases');
  await expect(app.drift.reportNotes).toHaveAttribute('href', /^https:\/\/go\.dev\/doc\//);
  await page.screenshot({ path: testInfo.outputPath('drift-bisect-report.png') });

  // Copy Markdown puts bisectMarkdown on the clipboard.
  await page.getByTestId('bisect-copy-markdown').click();
  await expect(page.getByTestId('bisect-copy-markdown')).toHaveText('Copied ✓');
  const copied = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText());
  expect(copied).toContain(`**First release with the new behaviour:** ${pathGo} (last with the old one: ${SECOND_GO})`);
  expect(copied).toContain('2 builds over 2 releases');
});
