// Performance drift: a snippet with a benchmark, run on the default toolchain a couple of times;
// the table shows its median and what it allocates.
import { FIRST_BUILD_TIMEOUT } from './pages/gopherlab-page';
import { expect, test } from './support/fixtures';

const ALLOC_BENCH = `package main

func main() {}
-- x_test.go --
package main

import "testing"

var sink []byte

func BenchmarkAlloc(b *testing.B) { for i := 0; i < b.N; i++ { sink = make([]byte, 64) } }
`;

test('a benchmark on the default toolchain shows its ns/op, B/op and allocs/op', async ({ app, page }, testInfo) => {
  const pathGo = (await app.versions.shownVersion()) ?? '';
  expect(pathGo).toMatch(/^go1\.\d+/);

  await app.editor.replaceText(ALLOC_BENCH);
  await app.drift.open();
  await app.drift.section('bench');

  // Only the default (PATH) toolchain.
  await page.getByTestId('bench-pick-clear').click();
  await expect(page.getByTestId('bench-run')).toBeDisabled();
  await page.getByTestId(`bench-version-${pathGo}`).click();
  await expect(page.getByTestId(`bench-version-${pathGo}`)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('bench-pattern')).toHaveValue('.');
  await expect(page.getByTestId('bench-count')).toHaveValue('5');
  await page.getByTestId('bench-count').fill('2');
  await page.getByTestId('bench-benchtime').fill('200x');
  await expect(page.getByTestId('bench-run')).toHaveText('▶ Benchmark on 1 release');
  await page.getByTestId('bench-run').click();

  const results = page.getByTestId('bench-results');
  await expect(results).toHaveAttribute('data-phase', 'done', { timeout: FIRST_BUILD_TIMEOUT });
  await expect(page.getByTestId('bench-failure')).toHaveCount(0);
  const row = page.getByTestId('bench-table-BenchmarkAlloc').getByTestId(`bench-row-${pathGo}`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('bench-ns')).toHaveText(/^[\d.,]+ ± [\d.]+%$/);
  await expect(row.getByTestId('bench-bytes')).toHaveText('64');
  await expect(row.getByTestId('bench-allocs')).toHaveText('1');
  await page.screenshot({ path: testInfo.outputPath('drift-bench.png') });
});
