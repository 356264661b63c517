// Several snippets side by side, each remembered with its name.
import { expect, test } from './support/fixtures';
import { distinctive } from './programs';

test('a new tab can be renamed, holds its own snippet, and both come back after a reload', async ({ app, page }) => {
  const first = `first-tab-${Date.now().toString(36)}`;
  const second = `second-tab-${Date.now().toString(36)}`;
  // Earlier specs on the same server may have left another tab in front.
  await app.tabs.first().click();
  await app.editor.replaceText(distinctive(first));

  await page.getByTestId('add-tab').click();
  const tabCount = await app.tabs.count();
  const newTab = app.tabs.nth(tabCount - 1);
  await expect(newTab).toHaveAttribute('data-active', 'true');
  await newTab.dblclick();
  await page.getByTestId('tab-rename').fill('scratch.go');
  await page.getByTestId('tab-rename').press('Enter');
  await expect(newTab.getByTestId('tab-title')).toHaveText('scratch.go');

  await app.editor.replaceText(distinctive(second));
  await app.runAndWait('button');
  await expect(app.output.stdout).toHaveText(`${second}\n`);

  await app.tabs.first().click();
  await expect.poll(() => app.editor.visibleText()).toContain(first);
  await app.waitForSaved();

  await app.reload();
  await expect(app.tabs.filter({ hasText: 'scratch.go' })).toHaveCount(1);
  await expect.poll(() => app.editor.visibleText()).toContain(first);
  await app.tabs.filter({ hasText: 'scratch.go' }).click();
  await expect.poll(() => app.editor.visibleText()).toContain(second);

  // Closing it leaves a neighbour in front (the first tab when these are the only two), and the
  // first tab keeps its snippet.
  const before = await app.tabs.count();
  await app.tabs.filter({ hasText: 'scratch.go' }).getByTestId('tab-close').click();
  await expect(app.tabs.filter({ hasText: 'scratch.go' })).toHaveCount(0);
  await expect(app.tabs).toHaveCount(before - 1);
  await expect(app.tabs.nth(before - 2)).toHaveAttribute('data-active', 'true');
  if (before === 2) await expect.poll(() => app.editor.visibleText()).toContain(first);
  await app.tabs.first().click();
  await expect.poll(() => app.editor.visibleText()).toContain(first);
});
