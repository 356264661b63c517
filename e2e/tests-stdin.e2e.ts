// Tests and input, as a user lives them: a snippet of tests runs as go test and lists each test
// passed or failed; its benchmarks fill a table; text typed into the stdin box reaches the program.
import { expect, test } from './support/fixtures';
import { textColor } from './pages/output-pane';
import { StdinBoxPane } from './pages/stdin-box';
import { TestResultsPane } from './pages/test-results';

/** No main, two tests: one passes, one fails. */
const ONE_PASS_ONE_FAIL = `package main

import "testing"

func Double(n int) int { return n * 2 }

func TestDoubleTwo(t *testing.T) {
	if got := Double(2); got != 4 {
		t.Errorf("Double(2) = %d, want 4", got)
	}
}

func TestDoubleWrong(t *testing.T) {
	if got := Double(3); got != 7 {
		t.Errorf("Double(3) = %d, want 7", got)
	}
}
`;

const WITH_BENCHMARK = `package main

import (
	"strings"
	"testing"
)

func TestJoin(t *testing.T) {
	if got := strings.Join([]string{"a", "b"}, ","); got != "a,b" {
		t.Fatalf("got %q", got)
	}
}

func BenchmarkJoin(b *testing.B) {
	parts := []string{"alpha", "beta", "gamma"}
	for i := 0; i < b.N; i++ {
		_ = strings.Join(parts, ",")
	}
}
`;

const UPPERCASE_STDIN = `package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	s := bufio.NewScanner(os.Stdin)
	n := 0
	for s.Scan() {
		n++
		fmt.Println(strings.ToUpper(s.Text()))
	}
	fmt.Printf("(%d lines)\\n", n)
}
`;

test('a snippet of tests runs as go test and lists each test as passed or failed', async ({ app }) => {
  const tests = new TestResultsPane(app.page);
  await app.runProgram(ONE_PASS_ONE_FAIL);

  await expect(app.output.status).toHaveText('exit');
  await expect(app.output.exitCode).toHaveText('1');
  await expect(app.output.message).toHaveText('1 test failed: TestDoubleWrong');
  await expect(tests.rows).toHaveCount(2);
  await expect(tests.row('TestDoubleTwo')).toHaveAttribute('data-outcome', 'pass');
  await expect(tests.row('TestDoubleWrong')).toHaveAttribute('data-outcome', 'fail');
  await expect(tests.row('TestDoubleTwo').getByLabel('passed')).toHaveText('✓');
  await expect(tests.row('TestDoubleWrong').getByLabel('failed')).toHaveText('✗');
  await expect(tests.row('TestDoubleWrong')).toContainText(/TestDoubleWrong\s*\d+\.\d{2}s/);
  await expect(tests.summary).toHaveText('1 passed, 1 failed');
  // The failed test is in red, the passed one is not.
  const failedColor = await textColor(tests.row('TestDoubleWrong').locator('.test-name'));
  expect(failedColor).not.toBe(await textColor(tests.row('TestDoubleTwo').locator('.test-name')));
  expect(failedColor).toBe(await textColor(app.page.locator('.tests-summary.has-failures')));
  // The raw output stays below, with the failure's own words.
  await expect(app.output.output).toContainText('Double(3) = 6, want 7');
  await expect(app.output.output).toContainText('--- FAIL: TestDoubleWrong');
  await expect(tests.benchTable).toHaveCount(0);

  // A plain program after it shows no tests list. (The run shortcut's click left Monaco's cursor
  // where the next click aims, and the cursor would take that click: move it out of the way.)
  await app.page.keyboard.press('ControlOrMeta+End');
  await app.runProgram('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("just a program") }\n');
  await expect(app.output.status).toHaveText('ok');
  await expect(tests.root).toHaveCount(0);
});

test('a snippet with a benchmark shows it as a row of the benchmark table', async ({ app }, testInfo) => {
  const tests = new TestResultsPane(app.page);
  await app.runProgram(WITH_BENCHMARK);

  await expect(app.output.status).toHaveText('ok');
  await expect(tests.row('TestJoin')).toHaveAttribute('data-outcome', 'pass');
  await expect(tests.summary).toHaveText('1 passed');
  await expect(tests.benchRows).toHaveCount(1);
  const row = tests.benchRow('BenchmarkJoin');
  await expect(row.locator('th')).toHaveText('BenchmarkJoin');
  await expect(row.getByTestId('bench-ns')).toHaveText(/^[\d,]+(\.\d+)?$/);
  // iterations, ns/op, B/op, allocs/op: all measured (the run asks for -benchmem).
  await expect(row.locator('td')).toHaveText([/^[\d,]+$/, /^[\d,.]+$/, /^[\d,]+$/, /^[\d,]+$/]);
  await expect(tests.benchTable.locator('thead th')).toHaveText(['Benchmark', 'iterations', 'ns/op', 'B/op', 'allocs/op']);
  await expect(app.output.output).toContainText(/BenchmarkJoin(-\d+)?\s+\d+\s+[\d.]+ ns\/op/);
  await app.page.screenshot({ path: testInfo.outputPath('benchmark-table.png') });
});

test('text typed into the stdin box reaches the program, and stays with the tab', async ({ app }, testInfo) => {
  const stdin = new StdinBoxPane(app.page);
  // Folded while empty, saying what the program gets.
  await expect(stdin.toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(stdin.summary).toHaveText('empty: the program reads EOF');

  await app.editor.replaceText(UPPERCASE_STDIN);
  // Without input the program reads EOF at once.
  await app.runAndWait();
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText('(0 lines)\n');

  await stdin.type('hello from stdin\nsecond line');
  await expect(stdin.summary).toHaveText('2 lines · 28 B');
  await app.runAndWait('button');
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText('HELLO FROM STDIN\nSECOND LINE\n(2 lines)\n');
  await app.page.screenshot({ path: testInfo.outputPath('stdin-box.png') });

  // Saved with the tab: after a reload the box opens with the same text.
  await app.waitForSaved();
  await app.reload();
  await expect(stdin.input).toHaveValue('hello from stdin\nsecond line');
  // A new tab has its own, empty input.
  await app.addTab();
  await expect(stdin.summary).toHaveText('empty: the program reads EOF');
});
