// Runs electron-builder for real on electron-builder.yml and its hooks, packing a small stand-in
// for dist/ into the Linux unpacked layout (the step every Linux target starts from). The Electron
// binary is a stand-in too (a file carrying a real fuse wire), passed as electronDist, so this runs
// where Electron cannot be downloaded: it checks what the package holds, not that it starts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// electron-builder's own asar reader, so the test reads the archive the way the packer wrote it.
const asar = createRequire(require.resolve('app-builder-lib/package.json'))('@electron/asar') as {
  listPackage(archive: string, options?: unknown): string[];
  extractFile(archive: string, filename: string): Buffer;
};

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const STOCK_WIRE = [0x31, 0x30, 0x31, 0x31, 0x30, 0x30, 0x30, 0x31, 0x31];

let project: string;
let result: ReturnType<typeof spawnSync>;
let unpacked: string;

async function put(path: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'gopherlab-packaging-'));
  for (const file of ['electron-builder.yml', 'package.json', 'scripts/dist.mjs', 'scripts/before-build.cjs', 'scripts/after-pack.cjs', 'build/fuses.cjs', 'build/icon.png']) {
    await mkdir(dirname(join(project, file)), { recursive: true });
    await copyFile(join(root, file), join(project, file));
  }
  await symlink(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  // The shape of dist/ (with the trace parser's Go sources the build copies in), not its contents.
  await put(join(project, 'dist', 'node', 'main.cjs'), '"use strict";\n');
  await put(join(project, 'dist', 'node', 'main.cjs.map'), '{}');
  await put(join(project, 'dist', 'node', 'wasi-worker.cjs'), '"use strict";\n');
  await put(join(project, 'dist', 'preload', 'preload.cjs'), '"use strict";\n');
  await put(join(project, 'dist', 'renderer', 'index.html'), '<!doctype html>');
  await put(join(project, 'dist', 'node', 'gotrace', 'go.mod'), 'module example.com/gotrace\n\ngo 1.22\n');
  await put(join(project, 'dist', 'node', 'gotrace', 'main.go'), 'package main\n\nfunc main() {}\n');
  await put(join(project, 'dist', 'node', 'gotrace', 'vendor', 'modules.txt'), '# golang.org/x/exp v0.0.0\n');
  await put(join(project, 'stray.txt'), 'not part of the app');

  const electronDist = join(project, 'electron-dist');
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, STOCK_WIRE.length]), Buffer.from(STOCK_WIRE)]);
  await put(join(electronDist, 'electron'), Buffer.concat([Buffer.alloc(512), wire, Buffer.alloc(512)]));
  await put(join(electronDist, 'LICENSE'), 'MIT');
  await put(join(electronDist, 'LICENSES.chromium.html'), '');
  await put(join(electronDist, 'version'), '41.7.1');

  const cli = require.resolve('electron-builder/cli.js');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.GOPHERLAB_E2E_BUILD;
  result = spawnSync(
    process.execPath,
    [cli, '--linux', 'dir', '--config', 'electron-builder.yml', '--publish', 'never', `-c.electronDist=${electronDist}`, '-c.directories.output=out'],
    { cwd: project, env, encoding: 'utf8', timeout: 180_000 },
  );
  unpacked = join(project, 'out', 'linux-unpacked');
}, 240_000);

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('electron-builder.yml, packed for Linux', () => {
  it('packs without error', () => {
    expect(result.status, `${String(result.stdout)}\n${String(result.stderr)}`).toBe(0);
  });

  it('puts dist/ and package.json into app.asar, without source maps, node_modules or anything else', () => {
    const archive = join(unpacked, 'resources', 'app.asar');
    const files = asar.listPackage(archive).map((f) => f.replaceAll('\\', '/'));
    expect(files).toEqual(
      expect.arrayContaining(['/package.json', '/dist/node/main.cjs', '/dist/node/wasi-worker.cjs', '/dist/preload/preload.cjs', '/dist/renderer/index.html']),
    );
    expect(files.filter((f) => f.endsWith('.map') || f.includes('node_modules') || f.includes('stray'))).toEqual([]);
    const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'gopherlab', main: 'dist/node/main.cjs', desktopName: 'gopherlab.desktop' });
  });

  it("keeps every file of the trace parser's Go sources, vendor/ included", () => {
    const archive = join(unpacked, 'resources', 'app.asar');
    const files = asar.listPackage(archive).map((f) => f.replaceAll('\\', '/'));
    expect(files).toEqual(expect.arrayContaining(['/dist/node/gotrace/go.mod', '/dist/node/gotrace/main.go', '/dist/node/gotrace/vendor/modules.txt']));
    expect(asar.extractFile(archive, 'dist/node/gotrace/go.mod').toString('utf8')).toContain('module example.com/gotrace');
  });

  it('names the binary gopherlab and burns the release fuses into it', async () => {
    const bytes = await readFile(join(unpacked, 'gopherlab'));
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect([...bytes.subarray(at, at + 8)].map((b) => (b === 0x31 ? 'on' : 'off'))).toEqual([
      'off', // RunAsNode
      'on', // EnableCookieEncryption
      'off', // EnableNodeOptionsEnvironmentVariable
      'off', // EnableNodeCliInspectArguments
      'on', // EnableEmbeddedAsarIntegrityValidation
      'on', // OnlyLoadAppFromAsar
      'off', // LoadBrowserProcessSpecificV8Snapshot
      'off', // GrantFileProtocolExtraPrivileges
    ]);
  });
});

describe('npm run dist where the Electron binary cannot be had', () => {
  const hasLocalElectron = (() => {
    try {
      const binary: unknown = require('electron');
      return typeof binary === 'string' && existsSync(binary);
    } catch {
      return false;
    }
  })();

  it(`says so in one line, without a stack trace${hasLocalElectron ? ' (here: packs with the local Electron instead)' : ''}`, async () => {
    // A download mirror that has nothing, and an empty download cache: no Electron zip anywhere.
    const mirror = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    const { port } = mirror.address() as AddressInfo;
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: join(project, 'empty-cache'), ELECTRON_BUILDER_CACHE: join(project, 'empty-cache') };
      delete env.GOPHERLAB_E2E_BUILD;
      // electron-builder goes quiet under vitest; the user's terminal is what is being tested here.
      delete env.VITEST;
      const dist = await new Promise<{ status: number | null; output: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['scripts/dist.mjs', '--no-build', '--linux', 'dir', `-c.electronDownload.mirror=http://127.0.0.1:${port}/`, '-c.directories.output=out-dist'],
          { cwd: project, env },
        );
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.on('close', (status) => resolve({ status, output }));
      });
      if (hasLocalElectron) {
        expect(dist.status, dist.output).toBe(0);
        return;
      }
      expect(dist.status, dist.output).toBe(1);
      const lines = dist.output.trimEnd().split('\n');
      expect(lines.at(-1), dist.output).toMatch(/^dist: the Electron binary is not available here; packaging needs it — .*electron-v[\d.]+-linux-x64\.zip/);
      expect(lines.filter((l) => /^\s+at\s/.test(l) || l.includes('stackTrace='))).toEqual([]);
    } finally {
      mirror.close();
    }
  }, 180_000);
});
