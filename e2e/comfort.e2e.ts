// Comfort, as a user meets it: a light theme that sticks, text zoom from the keyboard, presentation
// mode for a projector, the shortcuts panel, and the Settings page.
import { expect, test } from './support/fixtures';
import { Appearance, HelpPanelPane, SettingsPagePane } from './pages/comfort';
import { SPIN_FOREVER } from './programs';

// A server (and settings file) of its own: the theme and the timeout chosen here stay here. The
// desktop says dark, so 'system' starts dark.
test.use({ serverEnv: { GOPHERLAB_E2E_SPEC: 'comfort' }, colorScheme: 'dark' });

test('the light theme recolours the page and the editor, and is still there after a reload and a restart', async ({ app, server, page }) => {
  const look = new Appearance(page);
  const settings = new SettingsPagePane(page);
  await expect.poll(() => look.theme()).toBe('dark');
  const body = page.locator('body');
  const darkBody = await look.backgroundOf(body);
  const darkEditor = await look.backgroundOf(app.editor.root);

  await settings.open();
  await settings.chooseTheme('light');
  expect(await look.theme()).toBe('light');
  expect(await look.backgroundOf(body)).not.toBe(darkBody);
  // Monaco follows: its light theme paints the editor white.
  await expect.poll(() => look.backgroundOf(app.editor.root)).not.toBe(darkEditor);
  await settings.waitForSaved();
  await settings.dismiss();

  await app.reload();
  expect(await look.theme()).toBe('light');
  const lightBody = await look.backgroundOf(body);

  // A new server picks a new port, so the page starts with nothing in its storage: the theme comes
  // back from the settings file.
  await server.restart();
  await app.open(server.url);
  await expect.poll(() => look.theme()).toBe('light');
  expect(await look.backgroundOf(body)).toBe(lightBody);

  // 'System' follows the desktop, live.
  await settings.open();
  await settings.chooseTheme('system');
  expect(await look.theme()).toBe('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => look.theme()).toBe('light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => look.theme()).toBe('dark');
  await settings.waitForSaved();
});

test('Ctrl+= and Ctrl+- size the editor and the output text from inside the editor, Ctrl+0 resets it', async ({ app, page }) => {
  const look = new Appearance(page);
  await app.editor.focus();
  expect(await look.fontSizeOf(app.editor.lines)).toBe(16);
  const output = await look.outputFontSize();

  await page.keyboard.press('Control+=');
  await page.keyboard.press('Control+=');
  await expect.poll(() => look.fontSizeOf(app.editor.lines)).toBe(18);
  expect(await look.outputFontSize()).toBeGreaterThan(output);
  // The keys zoomed the text, not the page, and typed nothing.
  expect(await app.editor.visibleText()).not.toContain('=');

  await page.keyboard.press('Control+-');
  await expect.poll(() => look.fontSizeOf(app.editor.lines)).toBe(17);
  await page.keyboard.press('Control+0');
  await expect.poll(() => look.fontSizeOf(app.editor.lines)).toBe(16);
  expect(await look.outputFontSize()).toBe(output);
});

test('presentation mode enlarges the type and hides the sidebar, and leaving it restores both', async ({ app, page }) => {
  const look = new Appearance(page);
  const library = page.locator('aside.library');
  const exit = page.getByTestId('exit-presentation');
  await expect(library).toBeVisible();
  const editor = await look.fontSizeOf(app.editor.lines);
  const output = await look.outputFontSize();
  const runHeight = (await app.runButton.boundingBox())?.height ?? 0;

  await app.editor.focus();
  await page.keyboard.press('Control+Shift+P');
  await expect.poll(() => look.presenting()).toBe(true);
  await expect.poll(() => look.fontSizeOf(app.editor.lines)).toBeGreaterThanOrEqual(22);
  expect(await look.outputFontSize()).toBeGreaterThan(output);
  await expect(library).toBeHidden();
  await expect(exit).toBeVisible();
  // The bars are enlarged too: the Run button takes more room.
  expect((await app.runButton.boundingBox())?.height ?? 0).toBeGreaterThan(runHeight);

  await exit.click();
  await expect.poll(() => look.presenting()).toBe(false);
  await expect.poll(() => look.fontSizeOf(app.editor.lines)).toBe(editor);
  expect(await look.outputFontSize()).toBe(output);
  expect((await app.runButton.boundingBox())?.height).toBe(runHeight);
  await expect(library).toBeVisible();
  await expect(exit).toHaveCount(0);
});

test('F1 opens the keyboard shortcuts, Run among them with its keys; so does the ? button', async ({ app, page }) => {
  const help = new HelpPanelPane(page);
  await app.editor.focus();
  await page.keyboard.press('F1');
  await expect(help.root).toBeVisible();
  // The app's F1, not Monaco's command palette.
  await expect(page.locator('.quick-input-widget')).toBeHidden();
  await expect(help.keysOf('Run')).toHaveText('Ctrl+Enter');
  await expect(help.keysOf('Run traced (with a Go execution trace)')).toHaveText('Ctrl+Shift+Enter');
  await expect(help.keysOf('Settings')).toHaveText('Ctrl+,');
  expect(await help.rows.count()).toBeGreaterThanOrEqual(13);
  await page.keyboard.press('Escape');
  await expect(help.root).toBeHidden();

  await help.button.click();
  await expect(help.root).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help.root).toBeHidden();
});

test('the Settings page refuses a bad timeout with a message, keeps a good one, and runs use it', async ({ app, page }) => {
  const settings = new SettingsPagePane(page);
  const toolbarTimeout = page.getByRole('toolbar').getByTestId('timeout-seconds');
  await app.editor.focus();
  await page.keyboard.press('Control+,');
  await expect(settings.root).toBeVisible();

  await settings.timeout.fill('0');
  await expect(settings.timeoutInvalid).toHaveText(/^Timeout: enter a number from 1 to 600\./);
  await expect(toolbarTimeout).toHaveValue('10');

  await settings.timeout.fill('2');
  await expect(settings.timeoutInvalid).toHaveCount(0);
  await expect(toolbarTimeout).toHaveValue('2');
  await settings.dismiss();
  await app.waitForSaved();

  await app.reload();
  await expect(toolbarTimeout).toHaveValue('2');
  try {
    const started = Date.now();
    await app.runProgram(SPIN_FOREVER);
    await expect(app.output.status).toHaveText('timeout');
    await expect(app.output.message).toContainText('2 s time limit');
    expect(Date.now() - started).toBeLessThan(9_000);
  } finally {
    await app.setTimeoutSeconds(10);
    await app.waitForSaved();
  }
});
