// gopls in the editor, with a real gopls (prepared once per machine by the global setup) on the
// server's PATH: completion after `fmt.`, hover docs, diagnostics before any run, go-to-definition
// into another file of a txtar snippet. (gopls-missing.e2e.ts: the editor without it.)
import { delimiter } from 'node:path';
import { CodeIntelPane } from './pages/code-intel';
import { FileStripPane } from './pages/file-strip';
import { expect, test } from './support/fixtures';
import { goplsDir, requireGoplsDir } from './support/gopls';

const HELLO = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello")\n}\n';

test.use({ serverEnv: { PATH: `${goplsDir() ?? ''}${delimiter}${process.env.PATH ?? ''}` } });

test.describe('with gopls', () => {
  // Fails with the global setup's reason when gopls could not be prepared.
  test.beforeAll(() => void requireGoplsDir());

  test('typing `fmt.` offers Println, and accepting it inserts the call', async ({ app, page }) => {
    const intel = new CodeIntelPane(page);
    // No "Println" in the text: a suggestion of it can only come from gopls, not from the words.
    await app.editor.replaceText('package main\n\nimport "fmt"\n\nfunc main() {\n\t\n}\n');
    // To the empty line in main, then type as a user does.
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.type('fmt.');
    // fmt's members (the list shows a dozen of its ~30 at a time), then narrowed as the name is typed.
    await expect(intel.suggestions.first()).toBeVisible();
    await page.keyboard.type('Printl');
    await expect(intel.suggestion('Println')).toBeVisible();
    await expect(intel.suggestion('Println')).toContainText('(a ...any)');
    await page.keyboard.press('Enter');
    await expect.poll(() => app.editor.visibleText()).toMatch(/fmt\.Println\(a \.\.\.any\)\n\}/);
  });

  test('hovering Println shows its documentation', async ({ app, page }) => {
    const intel = new CodeIntelPane(page);
    await app.editor.replaceText(HELLO);
    await intel.hoverWord('Println', 'fmt.Println("hello")');
    await expect(intel.hover).toContainText('func fmt.Println(a ...any) (n int, err error)');
    await expect(intel.hover).toContainText('Println formats using the default formats for its operands');
  });

  test('an undefined name is underlined before any run, with gopls message on hover', async ({ app, page }) => {
    const intel = new CodeIntelPane(page);
    await app.editor.replaceText('package main\n\nfunc main() {\n\tprintln(nope)\n}\n');
    await expect.poll(() => app.editor.errorSquiggleLines()).toEqual([4]);
    await intel.hoverWord('nope', 'println(nope)');
    await expect(intel.hover).toContainText('undefined: nope');
    // Fixed: the squiggle goes.
    await app.editor.replaceText('package main\n\nfunc main() {\n\tprintln("yes")\n}\n');
    await expect.poll(() => app.editor.errorSquiggleLines()).toEqual([]);
  });

  test('go to definition jumps to another file of a txtar snippet', async ({ app, page }) => {
    const intel = new CodeIntelPane(page);
    const snippet = [
      'package main', // 1
      '', // 2
      'import "play/util"', // 3
      '', // 4
      'func main() { util.Shout() }', // 5
      '-- util/util.go --', // 6
      'package util', // 7
      '', // 8
      'func Shout() { println("!") }', // 9
      '',
    ].join('\n');
    await app.editor.replaceText(snippet);
    await intel.clickWord('Shout', 'util.Shout()');
    await page.keyboard.press('F12');
    // util/util.go is its own file in the editor: it is shown, with the cursor on its line 3.
    await expect(new FileStripPane(page).tab('util/util.go')).toHaveAttribute('data-active', 'true');
    await expect.poll(() => app.editor.cursorLine()).toBe(3);
  });

  test('a snippet gopls cannot take (a file name that leaves it) is explained, and the next good text clears it', async ({ app, page }) => {
    const intel = new CodeIntelPane(page);
    await app.editor.replaceText('package main\n\nfunc main() {}\n-- ../escape.go --\npackage main\n');
    await expect(intel.notice).toContainText('points outside the snippet');
    await expect(intel.notice).toContainText('Rename the file in its "-- name --" line.');
    await app.editor.replaceText(HELLO);
    await expect(intel.notice).toBeHidden();
    await intel.hoverWord('Println', 'fmt.Println("hello")');
    await expect(intel.hover).toContainText('Println formats');
  });
});
