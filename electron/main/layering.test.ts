// Proves the layering rules in eslint.config.js fire: each forbidden import is reported in the folder
// it is forbidden in, and ordinary code in each folder passes.
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ overrideConfigFile: join(root, 'eslint.config.js'), cwd: root });
});

async function lint(filePath: string, code: string): Promise<{ layering: string[]; all: string[] }> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  return {
    layering: messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message),
    all: messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`),
  };
}

/** A file that imports `source` and uses the binding, so only layering can complain. */
const importing = (source: string) => `import * as imported from '${source}';\nexport const used = imported;\n`;

const cases: Array<{ file: string; forbidden: string[]; allowed: string[] }> = [
  {
    file: 'electron/core/x.ts',
    forbidden: ['electron', 'electron/main', '../main/window', '../preload/bridge', '../server/main', '../cli/main', '../../renderer/store/store', '../../electron/main/ipc'],
    allowed: ['node:fs', 'node:child_process', 'zod', '../../shared/contract', './api/api', './sandbox/wasm/worker'],
  },
  {
    file: 'electron/core/sandbox/wasm/x.ts',
    forbidden: ['electron', '../../../main/ipc', '../../../cli/main', '../../../../renderer/app', '../../../../electron/server/main'],
    // `../../main` from here is electron/core/main: a core folder, not the main process.
    allowed: ['node:worker_threads', '../../../../shared/run', '../../api/api', '../../main/thing'],
  },
  {
    file: 'renderer/x.ts',
    forbidden: ['electron', 'electron/renderer', 'node:fs', 'fs', 'fs/promises', 'path', 'os', 'child_process', 'worker_threads', 'net', 'http', 'crypto', 'url', 'stream', 'events', 'util', 'buffer', 'process', '../electron/core/core', '../electron/preload/bridge'],
    allowed: ['react', 'zustand', 'monaco-editor', 'pathe', '../shared/contract', './store/store'],
  },
  {
    file: 'renderer/editor/deep/x.tsx',
    forbidden: ['node:path', '../../../electron/main/ipc', '../../../electron'],
    allowed: ['../../../shared/run', '../../store/store', './electron-like'],
  },
  {
    file: 'shared/x.ts',
    forbidden: ['../electron/core/core', '../renderer/store/store', 'electron', 'node:fs', 'fs', 'crypto'],
    allowed: ['zod', './run', './toolchain'],
  },
  {
    file: 'electron/preload/x.ts',
    forbidden: ['zod', 'node:fs', 'fs', 'electron/main', '../main/ipc', '../core/core', '../../renderer/app', '../../electron/main/ipc'],
    allowed: ['electron', './bridge', './channels', '../../shared/contract'],
  },
];

describe('layering rules', () => {
  for (const { file, forbidden, allowed } of cases) {
    describe(file, () => {
      it.each(forbidden)(`reports an import of %s`, async (source) => {
        const { layering } = await lint(file, importing(source));
        expect(layering).toHaveLength(1);
      });

      it.each(allowed)(`allows an import of %s`, async (source) => {
        const { all } = await lint(file, importing(source));
        expect(all).toEqual([]);
      });
    });
  }

  it('reports the cases the brief names, with a message saying what to do', async () => {
    const core = await lint('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n");
    expect(core.layering).toHaveLength(1);
    expect(core.layering[0]).toMatch(/electron\/core is the plain-Node engine/);

    const renderer = await lint('renderer/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n");
    expect(renderer.layering).toHaveLength(1);
    expect(renderer.layering[0]).toMatch(/contract client/);

    const shared = await lint('shared/x.ts', "import x from '../electron/core/core';\nexport const y = x;\n");
    expect(shared.layering).toHaveLength(1);
    expect(shared.layering[0]).toMatch(/imports neither/);
  });

  it('also catches re-exports and type-only imports', async () => {
    expect((await lint('shared/x.ts', "export * from '../electron/core/core';\n")).layering).toHaveLength(1);
    expect((await lint('renderer/x.ts', "import type { Api } from '../electron/core/api/api';\nexport type A = Api;\n")).layering).toHaveLength(1);
  });

  it('passes a clean file in each layer', async () => {
    const clean: Array<[string, string]> = [
      ['electron/core/x.ts', "import { readFile } from 'node:fs/promises';\nimport { requests } from '../../shared/contract';\nexport const x = [readFile, requests];\n"],
      ['renderer/x.tsx', "import { create } from 'zustand';\nimport type { Bridge } from '../shared/contract';\nexport type B = Bridge;\nexport const s = create;\n"],
      ['shared/x.ts', "import { z } from 'zod';\nexport const Id = z.string();\n"],
      ['electron/preload/x.ts', "import { contextBridge } from 'electron';\nimport type { Bridge } from '../../shared/contract';\nexport type B = Bridge;\nexport const c = contextBridge;\n"],
    ];
    for (const [file, code] of clean) {
      expect(await lint(file, code), file).toEqual({ layering: [], all: [] });
    }
  });

  it('leaves the main process free to import electron and core', async () => {
    const { all } = await lint(
      'electron/main/x.ts',
      "import { app } from 'electron';\nimport { createApi } from '../core/api/api';\nexport const x = [app, createApi];\n",
    );
    expect(all).toEqual([]);
  });
});
