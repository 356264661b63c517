// Where the time goes, as a user sees it: the compile cache skips the build of an unchanged
// snippet, the latency panel keeps p50/p95 per stage across restarts, and a traced run shows the
// program's goroutines on a zoomable timeline that exports to Chrome trace JSON.
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import { LatencyPanelPane } from './pages/latency-panel';
import { TracePanelPane } from './pages/trace-panel';

/** A program no other spec builds, so its first run cannot find a cached build. */
function cacheProbe(marker: string, comment: string): string {
  return `package main

import "fmt"

// ${comment}
func main() {
	fmt.Println("cache probe ${marker}")
}
`;
}

/**
 * Three workers that compute inside a runtime/trace task and region and log their result. Short
 * enough to fit the editor, so the paste is seen from its first line.
 */
const THREE_WORKERS = `package main

import (
	"context"
	"fmt"
	"runtime/trace"
)

func worker(ctx context.Context, id int, done chan<- int) {
	defer trace.StartRegion(ctx, "work").End()
	sum := 0
	for i := 0; i < 3_000_000; i++ {
		sum += i % (id + 2)
	}
	trace.Logf(ctx, "result", "worker %d: %d", id, sum)
	done <- sum
}

func main() {
	ctx, task := trace.NewTask(context.Background(), "fan-out")
	defer task.End()
	done := make(chan int)
	for id := 0; id < 3; id++ {
		go worker(ctx, id, done)
	}
	fmt.Println("workers done:", <-done+<-done+<-done > 0)
}
`;

const EXITS_EARLY = `package main

import "os"

func main() {
	os.Exit(3)
}
`;

test('an unchanged snippet is a cache hit with no compile stage, and p50/p95 survive a restart', async ({ app, server }) => {
  const latency = new LatencyPanelPane(app.page);
  const marker = `m${Date.now().toString(36)}`;

  await app.runProgram(cacheProbe(marker, 'first version'));
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText(`cache probe ${marker}\n`);
  await expect(latency.runCache).toHaveText('cache miss');
  await expect(latency.runCache).toHaveAttribute('data-hit', 'false');
  await expect(app.output.latencyBar.locator('[data-testid="latency-segment"][data-name="compile"]')).toHaveCount(1);

  // Only a comment changed: the cache key is the same.
  await app.runProgram(cacheProbe(marker, 'only this comment changed'));
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText(`cache probe ${marker}\n`);
  await expect(latency.runCache).toHaveText('cache hit');
  await expect(latency.runCache).toHaveAttribute('data-hit', 'true');
  await expect(app.output.latencyBar.locator('[data-testid="latency-segment"][data-name="compile"]')).toHaveCount(0);
  expect(await app.output.latencySegments.count()).toBeGreaterThan(0);
  // The verdict unfolds into the key's inputs.
  await latency.runCache.click();
  await expect(latency.runCacheInputs.first()).toBeVisible();
  await app.page.keyboard.press('Escape');

  await latency.open();
  await expect(latency.root).toBeVisible();
  await expect(latency.row('wasm', 'total')).toBeVisible();
  await expect(latency.row('wasm', 'compile')).toBeVisible();
  await expect(latency.row('wasm', 'total').getByTestId('p50')).toHaveText(/^[\d.]+ m?s$/);
  await expect(latency.row('wasm', 'total').getByTestId('p95')).toHaveText(/^[\d.]+ m?s$/);
  expect(Number(await latency.hitRate.getAttribute('data-hits'))).toBeGreaterThanOrEqual(1);
  await expect(latency.chart).toBeVisible();
  await expect(latency.cacheUsage).toContainText(/\d+ builds? · /);
  const runs = Number((await latency.historyCount.textContent())?.match(/\d+/)?.[0]);
  expect(runs).toBeGreaterThanOrEqual(2);

  // The history is stored by the core: a restarted app still has it.
  await server.restart();
  await app.open(server.url);
  await latency.open();
  await expect(latency.historyCount).toHaveText(`${runs} runs in history`);
  await expect(latency.row('wasm', 'total')).toBeVisible();

  // The cache budget is a setting: saved, it is what the app shows after a reload.
  await latency.cacheBudget.fill('8');
  await expect(latency.root.getByTestId('cache-budget-invalid')).toContainText('from 16 to 65536');
  await expect(latency.cacheBudgetSave).toBeDisabled();
  await latency.cacheBudget.fill('300');
  await latency.cacheBudgetSave.click();
  await expect(latency.cacheNote).toHaveText('Budget saved: 300 MiB.');
  await expect(latency.cacheUsage).toContainText('of 300 MiB');
  await app.reload();
  await latency.open();
  await expect(latency.cacheBudget).toHaveValue('300');

  // Cleared, the cache is empty and the same snippet builds again.
  await latency.cacheClear.click();
  await expect(latency.cacheNote).toContainText(/^Removed \d+ builds?/);
  await expect(latency.cacheUsage).toContainText(/^0 builds · /);
  await latency.outputTab.click();
  await app.runAndWait();
  await expect(app.output.stdout).toHaveText(`cache probe ${marker}\n`);
  await expect(latency.runCache).toHaveText('cache miss');
  await expect(app.output.latencyBar.locator('[data-testid="latency-segment"][data-name="compile"]')).toHaveCount(1);
});

test('a traced run shows P lanes, a lane per goroutine on demand, zooms, and exports Chrome trace JSON', async ({ app }) => {
  const trace = new TracePanelPane(app.page);

  // A program that leaves by os.Exit writes no trace: the panel says why, and shows the stages.
  await app.editor.replaceText(EXITS_EARLY);
  await trace.runTracedAndWait();
  await expect(trace.error).toContainText('os.Exit');
  await expect(trace.pipelineLane).toHaveCount(1);
  await expect(trace.procLanes).toHaveCount(0);
  await expect(trace.downloadGo).toHaveCount(0);

  await app.editor.replaceText(THREE_WORKERS);
  await trace.runTracedAndWait();

  await expect(trace.error).toHaveCount(0);
  await expect(trace.summary).toBeVisible();
  await expect(trace.pipelineLane).toHaveCount(1);
  expect(await trace.procLanes.count()).toBeGreaterThanOrEqual(1);
  await expect(trace.goroutineLanes).toHaveCount(0);

  await trace.goroutinesToggle.check();
  await expect.poll(() => trace.goroutineLanes.count()).toBeGreaterThanOrEqual(3);
  // The three workers, by their start function.
  await expect(trace.goroutineLanes.filter({ hasText: 'main.worker' })).toHaveCount(3);

  // Clicking a goroutine shows where it was created (or says the trace has no stack).
  await trace.goroutineLanes.filter({ hasText: 'main.worker' }).first().click();
  await expect(trace.goroutineName).toContainText('main.worker');
  await expect(trace.creationStack.or(trace.noStack)).toBeVisible();

  // The timeline opens on the Go trace; zoom with the wheel around the pointer and with +, pan
  // with the keyboard; Fit shows the whole run from its start.
  const opened = await trace.range.textContent();
  await trace.wheelOverTimeline(-400);
  await expect(trace.range).not.toHaveText(opened ?? '');
  const wheeled = await trace.range.textContent();
  await trace.zoomIn.click();
  await expect(trace.range).not.toHaveText(wheeled ?? '');
  const zoomed = await trace.range.textContent();
  await trace.canvas.focus();
  await app.page.keyboard.press('ArrowLeft');
  await expect(trace.range).not.toHaveText(zoomed ?? '');
  await trace.fit.click();
  await expect(trace.range).toHaveText(/^0 ns – /);

  const [download] = await Promise.all([app.page.waitForEvent('download'), trace.exportChrome.click()]);
  expect(download.suggestedFilename()).toMatch(/\.trace\.json$/);
  const path = await download.path();
  const json = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: Array<{ name: string; ph: string; pid: number }> };
  expect(Array.isArray(json.traceEvents)).toBe(true);
  // The pipeline's stages and the program's goroutines, in one file.
  expect(json.traceEvents.some((e) => e.ph === 'X' && e.name === 'execute')).toBe(true);
  expect(json.traceEvents.some((e) => e.ph === 'X' && e.name.includes('main.worker'))).toBe(true);

  const [raw] = await Promise.all([app.page.waitForEvent('download'), trace.downloadGo.click()]);
  const bytes = readFileSync(await raw.path());
  // A Go execution trace file starts with its header: "go 1.N trace".
  expect(bytes.subarray(0, 16).toString('latin1')).toMatch(/^go 1\.\d+ trace/);
});
