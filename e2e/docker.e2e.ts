// Docker mode against the real engine on this machine: a tab switched to Docker builds for Linux and
// runs in a container; faketime replays the output with the program's own timing; switching back
// runs in WASM again. Without an engine these tests are skipped (with the reason) — on CI they fail.
import { expect, test } from './support/fixtures';
import type { GopherlabPage } from './pages/gopherlab-page';
import { PRINT_GOOS, THREE_LINES_A_SECOND_APART } from './programs';

/** The first Docker build compiles the standard library for linux (about 30 s on a cold cache). */
const DOCKER_FIRST_BUILD_TIMEOUT = 240_000;
/** The first faketime build compiles the runtime (and what imports it) with the tag. */
const FAKETIME_FIRST_BUILD_TIMEOUT = 240_000;

test.describe.configure({ timeout: 420_000 });

/** Puts the active tab in Docker mode; skips the test (fails it on CI) when no engine answers. */
async function requireDocker(app: GopherlabPage): Promise<void> {
  await app.sandbox.choose('docker');
  const state = await app.sandbox.engineState();
  if (state === 'available') return;
  const reason = await app.sandbox.unavailableReason();
  if (process.env.CI) {
    throw new Error(`e2e: Docker mode needs a container engine on CI, and none answers: ${reason}`);
  }
  console.warn(`e2e: skipping a Docker test: ${reason}`);
  test.skip(true, `Docker is not available: ${reason}`);
}

test.afterEach(async ({ app }) => {
  // The server (and its workspace) is shared with the specs after this one: leave the tab in WASM.
  if ((await app.sandbox.switch.getAttribute('data-mode')) === 'docker') {
    await app.sandbox.choose('wasm');
    await app.waitForSaved();
  }
});

test('a tab switched to Docker builds for Linux and runs in a container', async ({ app }) => {
  await requireDocker(app);
  await expect(app.statusMode).toHaveText('Docker');
  await expect(app.sandbox.warning).toHaveCount(0);
  await expect(app.sandbox.engineDot).toHaveAttribute('aria-label', /·/);

  await app.runProgram(PRINT_GOOS, 'button', DOCKER_FIRST_BUILD_TIMEOUT);

  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.exitCode).toHaveText('0');
  await expect(app.output.stdout).toHaveText('linux\n');
  await expect(app.runTime).toContainText('Docker');
  // The container's own stages are in the latency bar.
  for (const stage of ['engine', 'compile', 'container-start', 'execute']) {
    await expect(app.output.latencySegments.and(app.page.locator(`[data-name="${stage}"]`))).toHaveCount(1);
  }

  // The mode is the tab's, saved with the workspace.
  await app.waitForSaved();
  await app.reload();
  await expect(app.sandbox.switch).toHaveAttribute('data-mode', 'docker');
  await expect(app.statusMode).toHaveText('Docker');
});

test('faketime replays the output with the program’s sleeps, and Skip shows it all at once', async ({ app }) => {
  await requireDocker(app);
  await app.sandbox.setFaketime(true);
  await app.editor.replaceText(THREE_LINES_A_SECOND_APART);

  await app.startRun('button');
  await expect(app.sandbox.replayIndicator).toBeVisible({ timeout: FAKETIME_FIRST_BUILD_TIMEOUT });
  await expect(app.output.status).toHaveText('ok');
  await expect(app.sandbox.replayIndicator).toContainText(/Replaying… \(\d\/3\)/);

  // The lines come a second apart, as the program slept: after the first, the third is not there yet.
  await expect(app.output.stdout).toContainText('first line');
  const firstAt = Date.now();
  expect(await app.output.output.innerText()).not.toContain('third line');
  await expect(app.output.stdout).toContainText('second line', { timeout: 5_000 });
  expect(await app.output.output.innerText()).not.toContain('third line');
  await expect(app.output.stdout).toHaveText('first line\nsecond line\nthird line\n', { timeout: 10_000 });
  const thirdAt = Date.now();
  expect(thirdAt - firstAt).toBeGreaterThan(1_200);
  await expect(app.sandbox.replayIndicator).toHaveCount(0);
  await expect(app.sandbox.replayDone).toHaveAttribute('data-skipped', 'false');

  // A second run, skipped: everything at once (the replay alone would take two seconds).
  await app.startRun('button');
  await expect(app.sandbox.replayIndicator).toBeVisible({ timeout: FAKETIME_FIRST_BUILD_TIMEOUT });
  await app.sandbox.replaySkip.click();
  await expect(app.output.stdout).toHaveText('first line\nsecond line\nthird line\n', { timeout: 1_000 });
  await expect(app.sandbox.replayIndicator).toHaveCount(0);
  await expect(app.sandbox.replayDone).toHaveAttribute('data-skipped', 'true');
});

test('switching back to WASM runs in the WASM sandbox again', async ({ app }) => {
  await requireDocker(app);
  await app.runProgram(PRINT_GOOS, 'button', DOCKER_FIRST_BUILD_TIMEOUT);
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText('linux\n');

  await app.sandbox.choose('wasm');
  await expect(app.statusMode).toHaveText('WASM');
  // faketime belongs to Docker mode: the switch is gone in WASM.
  await expect(app.sandbox.faketime).toHaveCount(0);
  await app.runAndWait('button');
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText('wasip1\n');
  await expect(app.runTime).toContainText('WASM');
  await expect(app.output.latencySegments.and(app.page.locator('[data-name="container-start"]'))).toHaveCount(0);
});
