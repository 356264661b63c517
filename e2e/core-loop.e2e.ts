// The core loop, as a user lives it: type, run, read the output or the error, and come back later
// to find the snippet still there.
import { expect, test } from './support/fixtures';
import { FileStripPane } from './pages/file-strip';
import { textColor } from './pages/output-pane';
import {
  COUNTING,
  distinctive,
  HELLO,
  PANICS,
  SLOW_PRINTER,
  SPIN_FOREVER,
  STDOUT_AND_STDERR,
  TXTAR_ERROR_FILE_LINE,
  TXTAR_ERROR_IN_UTIL,
  UNDEFINED_ON_LINE_7,
} from './programs';

test('a typed program runs with Ctrl+Enter and its output streams into the panel', async ({ app }) => {
  await expect(app.sandbox.switch).toHaveAttribute('data-mode', 'wasm');
  await expect(app.sandbox.wasm).toHaveAttribute('aria-checked', 'true');
  await expect(app.sandbox.faketime).toHaveCount(0);
  await expect(app.statusMode).toHaveText('WASM');
  // The default toolchain is preselected and named in the status bar.
  await expect(app.versions.trigger).toHaveAttribute('data-default', 'true');
  await expect(app.statusGo).toHaveText(/^go1\.\d+/);

  await app.runProgram(COUNTING);

  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.exitCode).toHaveText('0');
  await expect(app.output.stdout).toHaveText('line 1 of the e2e run\nline 2 of the e2e run\nline 3 of the e2e run\n');
  await expect(app.output.stderr).toHaveCount(0);
  // The latency bar shows the run's stages and its total.
  expect(await app.output.latencySegments.count()).toBeGreaterThan(0);
  await expect(app.output.latencySegments.first()).toHaveAttribute('title', /^[\w-]+: [\d.]+ m?s$/);
  await expect(app.output.latencyTotal).toHaveText(/^total [\d.]+ m?s$/);
  await expect(app.page.getByTestId('status-last-run')).toContainText('ok');
});

test('output and latency stages appear while the program is still running', async ({ app }) => {
  await app.editor.replaceText(SLOW_PRINTER);
  await app.startRun('button');

  await expect(app.output.stdout).toHaveText('first, right away\n');
  await expect(app.output.status).toHaveText('running');
  expect(await app.output.latencySegments.count()).toBeGreaterThan(0);

  await app.waitForRunEnd();
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText('first, right away\nsecond, two seconds later\n');
});

test('a compile error shows its status, a problem entry and a marker on its line', async ({ app }) => {
  await app.runProgram(UNDEFINED_ON_LINE_7);

  await expect(app.output.status).toHaveText('compile-error');
  await expect(app.output.problemItems).toHaveCount(1);
  await expect(app.output.problemItems.first()).toHaveText(/prog\.go:7:2: undefined: undefinedThing/);
  await expect.poll(() => app.editor.errorSquiggleLines()).toEqual([7]);

  // Clicking the problem puts the cursor on its line.
  await app.editor.focus();
  await app.page.keyboard.press('ControlOrMeta+Home');
  await expect.poll(() => app.editor.cursorLine()).toBe(1);
  await app.output.problemItems.first().click();
  await expect.poll(() => app.editor.cursorLine()).toBe(7);

  // The next run clears the marker.
  await app.runProgram(COUNTING);
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.problems).toHaveCount(0);
  await expect.poll(() => app.editor.errorSquiggleLines()).toEqual([]);
});

test('a compile error in a txtar file is marked on its line in that file', async ({ app, page }) => {
  const files = new FileStripPane(page);
  await app.runProgram(TXTAR_ERROR_IN_UTIL);

  await expect(app.output.status).toHaveText('compile-error');
  await expect(app.output.problemItems.first()).toHaveText(/util\/util\.go:4:\d+: undefined: missingName/);
  // The file is counted in the strip; prog.go, shown, has no marker.
  await expect(files.tab('util/util.go').getByTestId('file-errors')).toHaveText('1');
  await expect.poll(() => app.editor.errorSquiggleLines()).toEqual([]);
  // The problem opens its file at its line.
  await app.output.problemItems.first().click();
  await expect(files.tab('util/util.go')).toHaveAttribute('data-active', 'true');
  await expect.poll(() => app.editor.cursorLine()).toBe(TXTAR_ERROR_FILE_LINE);
  await expect.poll(() => app.editor.errorSquiggleLines()).toEqual([TXTAR_ERROR_FILE_LINE]);
});

test('a program that never ends is stopped at the timeout set in the UI, and the next run works', async ({ app }) => {
  await app.setTimeoutSeconds(2);
  try {
    const started = Date.now();
    await app.runProgram(SPIN_FOREVER);
    await expect(app.output.status).toHaveText('timeout');
    await expect(app.output.message).not.toBeEmpty();
    // Stopped by the 2 s limit, not by the 10 s default.
    expect(Date.now() - started).toBeLessThan(9_000);

    await app.runProgram(HELLO);
    await expect(app.output.status).toHaveText('ok');
    await expect(app.output.stdout).toHaveText('hello after the timeout\n');
  } finally {
    await app.setTimeoutSeconds(10);
  }
});

test('what a program writes to stderr is shown apart from stdout', async ({ app }) => {
  await app.runProgram(STDOUT_AND_STDERR);

  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText('this goes to stdout\n');
  await expect(app.output.stderr).toHaveText('this goes to stderr\n');
  const stdoutColor = await textColor(app.output.stdout.first());
  const stderrColor = await textColor(app.output.stderr.first());
  expect(stderrColor).not.toBe(stdoutColor);
});

test('a panic is reported as runtime-panic with the panic text', async ({ app }) => {
  await app.runProgram(PANICS);

  await expect(app.output.status).toHaveText('runtime-panic');
  await expect(app.output.stderr).toContainText('panic: something went wrong');
  await expect(app.output.exitCode).toHaveText('2');
});

test('a running program can be stopped with the Stop button', async ({ app }) => {
  await app.editor.replaceText(SPIN_FOREVER);
  await app.startRun('button');
  await expect(app.stopButton).toBeVisible();
  // Let it get past the build into the sandbox, then stop it.
  await expect(app.output.status).toHaveAttribute('data-status', 'running');
  await app.stopButton.click();
  await app.waitForRunEnd(30_000);
  await expect(app.output.status).toHaveText('canceled');
  await expect(app.stopButton).toHaveCount(0);
  await expect(app.runButton).toBeEnabled();
});

test('the snippet survives a reload and a restart of the app', async ({ app, server }) => {
  const marker = `survives-restart-${Date.now().toString(36)}`;
  await app.editor.replaceText(distinctive(marker));
  await app.waitForSaved();

  await app.reload();
  await expect.poll(() => app.editor.visibleText()).toContain(`fmt.Println("${marker}")`);

  await server.restart();
  await app.open(server.url);
  await expect.poll(() => app.editor.visibleText()).toContain(`fmt.Println("${marker}")`);
  await expect.poll(() => app.editor.visibleText()).toContain(`// ${marker}`);
});
