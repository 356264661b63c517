// Starts the real app (where an Electron binary exists) in smoke mode: the page must load over
// app://, see exactly the contract's bridge and no Node globals, and get answers through IPC.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES } from '../../shared/contract';
import { SMOKE_PREFIX, type SmokeReport } from './smoke';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function findElectronBinary(): string | null {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const electron = findElectronBinary();
const needsXvfb = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !electron
  ? 'no Electron binary on this machine'
  : needsXvfb && !hasCommand('xvfb-run')
    ? 'no display and no xvfb-run on this machine'
    : null;
if (skipReason) console.log(`Electron smoke test skipped: ${skipReason}.`);

describe('the Electron app', () => {
  it.skipIf(skipReason !== null)(
    `loads the renderer over app:// with only the contract's bridge${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    async () => {
      const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
      expect(built.status, built.stderr).toBe(0);

      const home = await mkdtemp(join(tmpdir(), 'gopherlab-smoke-'));
      try {
        const args = [join(root, 'dist', 'node', 'main.cjs')];
        // Chromium refuses to run its sandbox as root (CI containers); the app's settings are unchanged.
        if (process.getuid?.() === 0) args.push('--no-sandbox');
        const [command, commandArgs] = needsXvfb ? ['xvfb-run', ['-a', electron as string, ...args]] : [electron as string, args];
        const env: NodeJS.ProcessEnv = { ...process.env, GOPHERLAB_SMOKE: '1', GOPHERLAB_HOME: home };
        delete env.ELECTRON_RUN_AS_NODE;

        const stdout = await new Promise<string>((resolveRun, rejectRun) => {
          const child = spawn(command, commandArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
          child.on('error', rejectRun);
          child.on('close', () => resolveRun(out));
        });

        const line = stdout.split('\n').find((l) => l.startsWith(SMOKE_PREFIX));
        expect(line, stdout).toBeDefined();
        const report = JSON.parse((line as string).slice(SMOKE_PREFIX.length)) as SmokeReport;
        expect(report.url).toBe('app://gopherlab/index.html');
        expect(report.bridgeKeys).toEqual([...REQUEST_NAMES, ...EVENT_NAMES.map((e) => `on:${e}`)].sort());
        expect(report.nodeGlobals).toEqual([]);
        expect(report.info).toMatchObject({ ok: true, value: { name: 'Gopherlab', transport: 'electron' } });
        expect(report.invalid).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
  );
});
