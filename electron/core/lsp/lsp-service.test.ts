// gopls behind the contract, with a real gopls (installed once into the shared test store through
// the module proxy) and real Go toolchains: completion, hover, signature help, definition and
// diagnostics on a tab's snippet, edits, a release switch, bad input, a crash, idling and disposal.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LspDiagnosticsEvent, LspLocation } from '../../../shared/lsp';
import type { Core } from '../core';
import { openStore } from '../drift/test-support';
import { isAlive } from '../util/process';
import { ensureGopls } from './test-support';

interface CompletionList {
  items: Array<{ label: string; kind?: number; documentation?: { value: string } | string; textEdit?: { newText: string } }>;
}
interface Hover {
  contents: { kind: string; value: string };
}
interface SignatureHelp {
  signatures: Array<{ label: string }>;
}

const HELLO = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n';

let core: Core;
let tab = 0;
const nextTab = () => `lsp-test-${process.pid}-${++tab}`;

/** The next diagnostics event for a tab's file that satisfies `test`. */
function diagnosticsWhere(tabId: string, file: string, test: (e: LspDiagnosticsEvent) => boolean): Promise<LspDiagnosticsEvent> {
  return new Promise((resolve) => {
    const off = core.lsp.onDiagnostics((e) => {
      if (e.tabId === tabId && e.file === file && test(e)) {
        off();
        resolve(e);
      }
    });
  });
}

beforeAll(async () => {
  core = openStore();
  await ensureGopls(core);
}, 600_000);

afterAll(async () => {
  await core?.dispose();
});

describe('gopls for a tab', () => {
  it('completes after `fmt.` with Println and its documentation', async () => {
    const tabId = nextTab();
    const source = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.\n}\n';
    expect(await core.lsp.sync({ tabId, go: '', source })).toEqual({ synced: true, files: ['prog.go', 'go.mod'] });
    const list = (await core.lsp.request({
      tabId,
      method: 'textDocument/completion',
      file: 'prog.go',
      position: { line: 5, character: 5 },
      triggerCharacter: '.',
    })) as CompletionList;
    const println = list.items.find((i) => i.label === 'Println');
    expect(println).toBeDefined();
    expect(println?.kind).toBe(3); // Function
    expect(JSON.stringify(println?.documentation)).toContain('Println formats using the default formats');
    expect(println?.textEdit?.newText).toMatch(/^Println\(/);
    // Only members of fmt: nothing from another package, no keywords.
    expect(list.items.some((i) => i.label === 'Sprintf')).toBe(true);
    expect(list.items.some((i) => i.label === 'func' || i.label === 'Itoa')).toBe(false);
  });

  it('shows the documentation of Println on hover, and its parameters inside the call', async () => {
    const tabId = nextTab();
    await core.lsp.sync({ tabId, go: '', source: HELLO });
    const hover = (await core.lsp.request({ tabId, method: 'textDocument/hover', file: 'prog.go', position: { line: 5, character: 7 } })) as Hover;
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value).toContain('func fmt.Println(a ...any) (n int, err error)');
    expect(hover.contents.value).toContain('Println formats using the default formats');

    // As typed: `(` just opened (the editor closed it), then `,` after the first argument.
    await core.lsp.sync({ tabId, go: '', source: HELLO.replace('fmt.Println("hi")', 'fmt.Println()') });
    const opened = (await core.lsp.request({
      tabId,
      method: 'textDocument/signatureHelp',
      file: 'prog.go',
      position: { line: 5, character: 13 },
      triggerCharacter: '(',
    })) as SignatureHelp;
    expect(opened.signatures[0]?.label).toBe('Println(a ...any) (n int, err error)');
    await core.lsp.sync({ tabId, go: '', source: HELLO.replace('fmt.Println("hi")', 'fmt.Printf("%d", )') });
    const comma = (await core.lsp.request({
      tabId,
      method: 'textDocument/signatureHelp',
      file: 'prog.go',
      position: { line: 5, character: 18 },
      triggerCharacter: ',',
    })) as SignatureHelp & { activeParameter?: number };
    expect(comma.signatures[0]?.label).toBe('Printf(format string, a ...any) (n int, err error)');
    expect(comma.activeParameter ?? (comma.signatures[0] as { activeParameter?: number }).activeParameter).toBe(1);
  });

  it('goes to a definition in the same file, in another file of the snippet, and in the standard library', async () => {
    const tabId = nextTab();
    const source = [
      'package main',
      '',
      'import (',
      '\t"fmt"',
      '',
      '\t"play/util"',
      ')',
      '',
      'func greet() string { return util.Name() }',
      '',
      'func main() {',
      '\tfmt.Println(greet())',
      '}',
      '-- util/util.go --',
      'package util',
      '',
      '// Name is who we greet.',
      'func Name() string { return "gopher" }',
      '',
    ].join('\n');
    const synced = await core.lsp.sync({ tabId, go: '', source });
    expect(synced.files).toEqual(['prog.go', 'util/util.go', 'go.mod']);
    const at = (line: number, character: number) =>
      core.lsp.request({ tabId, method: 'textDocument/definition', file: 'prog.go', position: { line, character } }) as Promise<LspLocation[]>;

    const local = await at(11, 14); // greet()
    expect(local).toHaveLength(1);
    expect(local[0]).toMatchObject({ file: 'prog.go', range: { start: { line: 8, character: 5 } } });

    const other = await at(8, 35); // util.Name()
    expect(other[0]).toMatchObject({ file: 'util/util.go', range: { start: { line: 3, character: 5 } } });

    const std = await at(11, 6); // fmt.Println
    expect(std[0]?.file).toBeNull();
    expect(std[0]?.path.replace(/\\/g, '/')).toMatch(/\/src\/fmt\/print\.go$/);
  });

  it('reports an undefined name as an error diagnostic, and clears it once fixed', async () => {
    const tabId = nextTab();
    const broken = 'package main\n\nfunc main() {\n\tprintln(nope)\n}\n';
    const reported = diagnosticsWhere(tabId, 'prog.go', (e) => e.diagnostics.length > 0);
    await core.lsp.sync({ tabId, go: '', source: broken });
    const e = await reported;
    expect(e.diagnostics).toEqual([
      expect.objectContaining({ message: 'undefined: nope', severity: 1, range: { start: { line: 3, character: 9 }, end: { line: 3, character: 13 } } }),
    ]);
    const cleared = diagnosticsWhere(tabId, 'prog.go', (d) => d.diagnostics.length === 0);
    await core.lsp.sync({ tabId, go: '', source: broken.replace('nope', '"ok"') });
    expect((await cleared).diagnostics).toEqual([]);
  });

  it('follows edits: a function added by a later sync is completed', async () => {
    const tabId = nextTab();
    await core.lsp.sync({ tabId, go: '', source: 'package main\n\nfunc main() {\n\t\n}\n' });
    await core.lsp.sync({ tabId, go: '', source: 'package main\n\nfunc helperAdded() {}\n\nfunc main() {\n\thelp\n}\n' });
    const list = (await core.lsp.request({ tabId, method: 'textDocument/completion', file: 'prog.go', position: { line: 5, character: 5 } })) as CompletionList;
    expect(list.items.map((i) => i.label)).toContain('helperAdded');
  });

  it("checks the snippet against the tab's release: range over an int is an error on go1.21, fine on the newest", async () => {
    if (!(await core.toolchains.list()).some((t) => t.version === 'go1.21.13')) await core.sdk.install('go1.21.13', { prewarm: false });
    const tabId = nextTab();
    const source = 'package main\n\nfunc main() {\n\tfor i := range 3 {\n\t\tprintln(i)\n\t}\n}\n';
    const old = diagnosticsWhere(tabId, 'prog.go', (e) => e.diagnostics.length > 0);
    await core.lsp.sync({ tabId, go: 'go1.21.13', source });
    expect((await old).diagnostics[0]?.message).toMatch(/requires go1\.22 or later/);

    // The same tab moved to the default release: its documents move to that release's gopls.
    const fine = diagnosticsWhere(tabId, 'prog.go', (e) => e.diagnostics.length === 0);
    await core.lsp.sync({ tabId, go: '', source });
    expect((await fine).diagnostics).toEqual([]);
  });
});

describe('bad input and failures', () => {
  it('refuses file names that leave the snippet, writes nothing outside, and the next sync works', async () => {
    const tabId = nextTab();
    const bad = 'package main\n\nfunc main() {}\n-- ../escape.go --\npackage main\n';
    const result = await core.lsp.sync({ tabId, go: '', source: bad });
    expect(result.synced).toBe(false);
    expect(result.message).toMatch(/points outside the snippet.*Rename the file/);
    expect(existsSync(join(core.dataDir, 'lsp', String(process.pid), 'escape.go'))).toBe(false);
    expect((await core.lsp.sync({ tabId, go: '', source: HELLO })).synced).toBe(true);
  });

  it('refuses a go.mod that replaces a module with a local path', async () => {
    const result = await core.lsp.sync({
      tabId: nextTab(),
      go: '',
      source: 'package main\n\nfunc main() {}\n-- go.mod --\nmodule play\n\ngo 1.22\n\nreplace example.com/x => ../../\n',
    });
    expect(result).toMatchObject({ synced: false, message: expect.stringMatching(/replace to the local path/) });
  });

  it('says which release is missing when the tab asks for one that is not installed', async () => {
    const result = await core.lsp.sync({ tabId: nextTab(), go: 'go1.3.3', source: HELLO });
    expect(result).toMatchObject({ synced: false, message: expect.stringMatching(/Go 1\.3\.3 is not installed/) });
  });

  it('says gopls cannot serve a tab on a release older than Go 1.18, and serves it again once moved on', async () => {
    if (!(await core.toolchains.list()).some((t) => t.version === 'go1.17.13')) await core.sdk.install('go1.17.13', { prewarm: false });
    const tabId = nextTab();
    await core.lsp.sync({ tabId, go: '', source: HELLO });
    const result = await core.lsp.sync({ tabId, go: 'go1.17.13', source: HELLO });
    expect(result).toEqual({
      synced: false,
      files: [],
      message: 'gopls cannot load packages with go1.17.13: completion, hover and diagnostics need go1.18 or newer for this tab (runs still work)',
    });
    expect(core.lsp.serverOf(tabId)).toBeNull();
    expect((await core.lsp.sync({ tabId, go: '', source: HELLO })).synced).toBe(true);
    const hover = (await core.lsp.request({ tabId, method: 'textDocument/hover', file: 'prog.go', position: { line: 5, character: 7 } })) as Hover;
    expect(hover.contents.value).toContain('Println formats');
  });

  it('restarts a crashed gopls on the next request and reopens the tab', async () => {
    const tabId = nextTab();
    await core.lsp.sync({ tabId, go: '', source: HELLO });
    const first = core.lsp.serverOf(tabId);
    const pid = first?.pid;
    expect(pid).toBeDefined();
    const gone = new Promise<void>((resolve) => {
      const check = () => (first?.alive ? setTimeout(check, 20) : resolve());
      check();
    });
    first?.kill();
    await gone;
    const hover = (await core.lsp.request({ tabId, method: 'textDocument/hover', file: 'prog.go', position: { line: 5, character: 7 } })) as Hover;
    expect(hover.contents.value).toContain('Println formats');
    expect(core.lsp.serverOf(tabId)?.pid).not.toBe(pid);
  });

  it('rejects a request for a file that is not a Go file of the snippet', async () => {
    const tabId = nextTab();
    await core.lsp.sync({ tabId, go: '', source: HELLO });
    await expect(core.lsp.request({ tabId, method: 'textDocument/hover', file: 'go.mod', position: { line: 0, character: 0 } })).rejects.toThrow(
      /go\.mod is not a Go file of this snippet/,
    );
    await expect(core.lsp.request({ tabId: nextTab(), method: 'textDocument/hover', file: 'prog.go', position: { line: 0, character: 0 } })).rejects.toThrow(
      /has not been synced/,
    );
  });
});

describe('lifecycle', () => {
  it('stops an idle server, starts it again on demand, and leaves no process or folder after dispose', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gopherlab-lsp-'));
    const { LspService } = await import('./lsp-service');
    const status = await core.lsp.status();
    const service = new LspService({
      dataDir,
      toolchains: core.toolchains,
      goproxy: () => 'off',
      idleMs: 60_000,
      // The store's gopls, found on PATH.
      env: { ...process.env, PATH: `${join(status.path ?? '', '..')}:${process.env.PATH ?? ''}` },
    });
    try {
      await service.sync({ tabId: 'idle', go: '', source: HELLO });
      const [pid] = service.serverPids();
      expect(pid && isAlive(pid)).toBe(true);
      await service.stopIdle(Date.now() + 30_000);
      expect(service.serverPids()).toEqual([pid]);
      await service.stopIdle(Date.now() + 61_000);
      expect(service.serverPids()).toEqual([]);
      expect(isAlive(pid!)).toBe(false);

      const hover = (await service.request({ tabId: 'idle', method: 'textDocument/hover', file: 'prog.go', position: { line: 5, character: 7 } })) as Hover;
      expect(hover.contents.value).toContain('Println formats');
      const [again] = service.serverPids();
      expect(again).not.toBe(pid);
      expect(readdirSync(join(dataDir, 'lsp', String(process.pid)))).toEqual(['idle']);

      await service.dispose();
      expect(isAlive(again!)).toBe(false);
      expect(existsSync(join(dataDir, 'lsp', String(process.pid)))).toBe(false);
    } finally {
      await service.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
