// Multi-file snippets as editor tabs, gofmt, go vet before a run and the sandbox pre-check, the way
// a user meets them: paste, pick a file, add / rename / delete, Format, run.
import { FileStripPane } from './pages/file-strip';
import { expect, test } from './support/fixtures';

/** main calls a function of util/util.go (module "play", which the runner gives a snippet without go.mod). */
const TWO_FILES = [
  'package main',
  '',
  'import (',
  '\t"fmt"',
  '',
  '\t"play/util"',
  ')',
  '',
  'func main() {',
  '\tfmt.Println("main says:", util.Greeting())',
  '}',
  '-- util/util.go --',
  'package util',
  '',
  'func Greeting() string { return "hello from util/util.go" }',
  '',
].join('\n');

const HELLO = 'package main\n\nfunc main() {\n\tprintln("hello")\n}\n';

test('a two-file snippet shows a tab per file, each with its own text, and runs', async ({ app, page }) => {
  const files = new FileStripPane(page);
  await app.addTab();
  await app.editor.replaceText(TWO_FILES);
  expect(await files.names()).toEqual(['prog.go', 'util/util.go']);
  await expect(files.tab('prog.go')).toHaveAttribute('data-active', 'true');

  await app.runAndWait();
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText('main says: hello from util/util.go\n');

  await files.show('util/util.go');
  await expect.poll(() => app.editor.visibleText()).toContain('func Greeting() string');
  expect(await app.editor.visibleText()).not.toContain('package main');
});

test('files are added, renamed and deleted in the strip, under the runner name rules', async ({ app, page }) => {
  const files = new FileStripPane(page);
  await app.addTab();
  await app.editor.replaceText(TWO_FILES);

  expect(await files.addRefused('../escape.go')).toMatch(/outside the snippet/);
  expect(await files.addRefused('UTIL/util.go')).toMatch(/only in case/);
  expect(await files.names()).toEqual(['prog.go', 'util/util.go']);

  await files.add('extra.go');
  await expect.poll(() => app.editor.visibleText()).toMatch(/^package main\s*$/);
  await app.editor.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\nvar _ = func() int { println("built with the added file"); return 0 }()\n');
  await files.rename('extra.go', 'helper.go');
  expect(await files.names()).toEqual(['prog.go', 'util/util.go', 'helper.go']);
  await expect.poll(() => app.editor.visibleText()).toContain('built with the added file');

  await app.runAndWait('button');
  await expect(app.output.status).toHaveText('ok');
  await expect(app.output.stdout).toHaveText('main says: hello from util/util.go\n');
  await expect(app.output.stderr).toHaveText('built with the added file\n');

  await files.delete('helper.go');
  expect(await files.names()).toEqual(['prog.go', 'util/util.go']);
  await files.delete('util/util.go');
  expect(await files.names()).toEqual(['prog.go']);
  // The last Go file stays.
  await expect(files.deleteButton).toBeDisabled();
});

test('Format runs gofmt on the snippet: x:=1 becomes x := 1, as one step to undo; a syntax error is explained', async ({ app, page }) => {
  const files = new FileStripPane(page);
  await app.addTab();
  await app.editor.replaceText('package main\n\nfunc main() {\nx:=1\nprintln(x)\n}\n');
  await files.formatButton.click();
  await expect.poll(() => app.editor.visibleText()).toContain('x := 1');
  expect(await app.editor.visibleText()).not.toContain('x:=1');

  await app.editor.focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => app.editor.visibleText()).toContain('x:=1');
  // The shortcut does the same.
  await page.keyboard.press('Shift+Alt+F');
  await expect.poll(() => app.editor.visibleText()).toContain('x := 1');

  await app.editor.replaceText('package main\n\nfunc main() {\n\tx :=\n}\n');
  await files.formatButton.click();
  await expect(files.formatNote).toContainText('gofmt stopped at prog.go:5:1');
  await expect(files.formatNote).toContainText('Fix the syntax, then format again');
  expect(await app.editor.visibleText()).toContain('x :=\n}');
});

test('with vet before run, a vet finding is a warning and the program still runs', async ({ app, page }) => {
  const files = new FileStripPane(page);
  await files.setCheck('vetOnRun', true);
  try {
    await app.addTab();
    await app.runProgram('package main\n\nimport "fmt"\n\nfunc main() {\n\tname := "gopher"\n\tfmt.Printf("%d\\n", name)\n}\n');
    await expect(app.output.status).toHaveText('ok');
    await expect(app.output.stdout).toHaveText('%!d(string=gopher)\n');
    const problem = app.output.problemItems.first();
    await expect(problem).toHaveText(/prog\.go:7:\d+: fmt\.Printf format %d has arg name of wrong type string \(go vet printf\)/);
    await expect(problem).toHaveClass(/severity-warning/);
    await expect(files.tab('prog.go').getByTestId('file-warnings')).toHaveText('1');
    await expect(app.editor.root.locator('.view-overlays .squiggly-warning').first()).toBeVisible();
  } finally {
    await files.setCheck('vetOnRun', false);
  }
});

test('a WASM snippet importing net/http is warned about before it runs, with a switch to Docker', async ({ app, page }) => {
  const files = new FileStripPane(page);
  await app.addTab();
  await app.sandbox.choose('wasm');
  await app.editor.replaceText('package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() {\n\t_, err := http.Get("https://go.dev")\n\tfmt.Println(err)\n}\n');
  await expect(files.precheckWarnings).toHaveCount(1);
  await expect(files.precheckWarnings.first()).toHaveAttribute('data-rule', 'wasm-network');
  await expect(files.precheckWarnings.first()).toContainText('The WASM sandbox has no network');
  await expect(files.precheckSwitch).toHaveText('Use Docker mode');

  await files.precheckSwitch.click();
  await expect(app.sandbox.switch).toHaveAttribute('data-mode', 'docker');
  // Docker's network is off as well: said too, with nowhere else to switch to.
  await expect(files.precheckWarnings.first()).toHaveAttribute('data-rule', 'docker-network');
  await expect(files.precheckSwitch).toHaveCount(0);

  await app.sandbox.choose('wasm');
  await app.editor.replaceText(HELLO);
  await expect(files.precheckWarnings).toHaveCount(0);
});
