// The core loop in the Electron app, with the same steps as the browser spec (e2e/core-loop.e2e.ts):
// type a program, run it, read its output; a compile error is reported and marked on its line.
// Then what only the desktop app has: the window reopens as it was closed.
import { COUNTING, UNDEFINED_ON_LINE_7 } from '../e2e/programs';
import { expect, launchApp, skipReason, test, titled } from './support/electron-app';

test.skip(skipReason !== null, skipReason ?? '');

test(titled('a typed program runs with Ctrl+Enter and its output streams into the panel'), async ({ app }) => {
  await expect(app.sandbox.switch).toHaveAttribute('data-mode', 'wasm');
  await expect(app.statusGo).toHaveText(/^go1\.\d+/);

  await app.runProgram(COUNTING);

  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.exitCode).toHaveText('0');
  await expect(app.output.stdout).toHaveText('line 1 of the e2e run\nline 2 of the e2e run\nline 3 of the e2e run\n');
  await expect(app.output.stderr).toHaveCount(0);
});

test(titled('a compile error shows its status, a problem entry and a marker on its line'), async ({ app }) => {
  await app.runProgram(UNDEFINED_ON_LINE_7);

  await expect(app.output.status).toHaveText('compile-error');
  await expect(app.output.problemItems).toHaveCount(1);
  await expect(app.output.problemItems.first()).toHaveText(/prog\.go:7:2: undefined: undefinedThing/);
  await expect.poll(() => app.editor.errorSquiggleLines()).toEqual([7]);

  // The next run clears the marker.
  await app.runProgram(COUNTING);
  await expect(app.output.status).toHaveText('ok');
  await expect.poll(() => app.editor.errorSquiggleLines()).toEqual([]);
});

test(titled('the window reopens where and as large as it was closed'), async ({ app, home }) => {
  const bounds = { x: 120, y: 90, width: 1111, height: 733 };
  await app.electronApp.evaluate(({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]?.setBounds(b), bounds);
  await app.electronApp.close();

  const again = await launchApp(home);
  try {
    const reopened = await again.electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getNormalBounds());
    // Window managers may nudge the position; the size is the app's to keep.
    expect(reopened).toMatchObject({ width: bounds.width, height: bounds.height });
  } finally {
    await again.electronApp.close();
  }
});
