// The Docker sandbox: its stream parsers as units, then the real engine — a run, its stages,
// faketime replay, no engine, and the sweep of containers left by a killed process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core';
import { RunService } from '../../pipeline/run-service';
import { ToolchainRegistry } from '../../sdk/registry';
import { CONTAINER_LABEL, Demuxer, OWNER_LABEL } from './docker-sandbox';
import { DockerService } from './docker-service';
import { connectEngine } from './engine';
import { FaketimeDecoder } from './faketime';

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function fakeWrite(atNs: bigint, text: string): Buffer {
  const header = Buffer.alloc(16);
  header.set([0, 0, 0x50, 0x42]);
  header.writeBigUInt64BE(atNs, 4);
  header.writeUInt32BE(Buffer.byteLength(text), 12);
  return Buffer.concat([header, Buffer.from(text)]);
}

describe('Docker stream parsing', () => {
  it('demultiplexes frames split at any byte', () => {
    const all = Buffer.concat([frame(1, 'out-1\n'), frame(2, 'err\n'), frame(1, 'out-2\n')]);
    for (let cut = 1; cut < all.length; cut++) {
      const got: string[] = [];
      const d = new Demuxer((stream, payload) => got.push(`${stream}:${Buffer.from(payload).toString()}`));
      d.push(all.subarray(0, cut));
      d.push(all.subarray(cut));
      expect(got).toEqual(['stdout:out-1\n', 'stderr:err\n', 'stdout:out-2\n']);
    }
  });

  it('decodes faketime writes into events with the delays the program slept', () => {
    const t0 = 1257894000000000000n;
    const bytes = Buffer.concat([fakeWrite(t0, 'a\n'), fakeWrite(t0 + 1_500_000_000n, 'b\n'), fakeWrite(t0 + 1_500_000_000n, 'c\n')]);
    const dec = new FaketimeDecoder();
    const events = [...dec.push('stdout', bytes.subarray(0, 20)), ...dec.push('stdout', bytes.subarray(20)), ...dec.flush()];
    expect(events).toEqual([
      { stream: 'stdout', data: 'a\n', delayMs: 0 },
      { stream: 'stdout', data: 'b\n', delayMs: 1500 },
      { stream: 'stdout', data: 'c\n', delayMs: 0 },
    ]);
    expect(dec.events).toHaveLength(3);
  });

  it('orders writes by the faketime clock, not by which pipe delivered them first', () => {
    const t0 = 1257894000000000000n;
    const dec = new FaketimeDecoder();
    // stdout arrives in one piece, though the program wrote to stderr between its two lines.
    dec.push('stdout', Buffer.concat([fakeWrite(t0 + 1_000_000_000n, 'out 1\n'), fakeWrite(t0 + 3_000_000_001n, 'out 2\n')]));
    dec.push('stderr', fakeWrite(t0 + 2_000_000_000n, 'err\n'));
    expect(dec.events.map((e) => [e.stream, e.data, e.delayMs])).toEqual([
      ['stdout', 'out 1\n', 1000],
      ['stderr', 'err\n', 1000],
      ['stdout', 'out 2\n', 1000],
    ]);
  });
});

const engineUp = (await connectEngine()).status.available;
if (!engineUp && process.env.CI) throw new Error('no Docker engine answers, and CI must test the Docker sandbox: .ci/run starts dockerd');
if (!engineUp) console.warn('Docker sandbox tests skipped: no Docker engine answers on this machine (start dockerd to run them).');

describe.skipIf(!engineUp)('Docker sandbox (real engine; skipped only where no engine answers)', () => {
  let core: Core;
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'gopherlab-docker-test-'));
    core = createCore({ dataDir: home });
  });
  afterAll(async () => {
    await core.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  it('runs a static linux binary in a fresh container and reports the container stages', async () => {
    const r = await core.runs.run({ runId: 'd1', mode: 'docker', source: 'package main\nimport ("fmt";"os";"runtime")\nfunc main() { h, _ := os.Hostname(); fmt.Println(runtime.GOOS, os.Getuid(), len(h) > 0) }\n' });
    expect(r.status).toBe('ok');
    expect(r.mode).toBe('docker');
    expect(r.stdout).toBe('linux 65534 true\n');
    const names = r.spans.map((s) => s.name);
    for (const stage of ['engine', 'compile', 'container-create', 'container-start', 'execute', 'teardown']) expect(names).toContain(stage);
    expect(r.spans.find((s) => s.name === 'compile')?.attrs?.target).toMatch(/^linux\//);
  });

  it('replays faketime output with the delays the program slept, and the output is deterministic', async () => {
    const src = 'package main\nimport ("fmt";"time")\nfunc main() { fmt.Println("one", time.Now().UTC().Format(time.RFC3339)); time.Sleep(2 * time.Second); fmt.Println("two"); time.Sleep(500 * time.Millisecond); fmt.Println("three") }\n';
    const a = await core.runs.run({ runId: 'f1', mode: 'docker', faketime: true, source: src });
    const b = await core.runs.run({ runId: 'f2', mode: 'docker', faketime: true, source: src });
    expect(a.status).toBe('ok');
    expect(a.stdout).toBe('one 2009-11-10T23:00:00Z\ntwo\nthree\n');
    expect(a.replay?.map((e) => [e.data, Math.round(e.delayMs)])).toEqual([
      ['one 2009-11-10T23:00:00Z\n', 0],
      ['two\n', 2000],
      ['three\n', 500],
    ]);
    expect(b.stdout).toBe(a.stdout);
    // Sleeps are instant under faketime: far less than the 2.5 s the program slept.
    expect(a.spans.find((s) => s.name === 'execute')!.durationMs).toBeLessThan(2000);
  });

  it('says sandbox-unavailable, with what to do, when no engine answers', async () => {
    const registry = new ToolchainRegistry({ dataDir: home });
    const runs = new RunService({ toolchains: registry, dockerEnv: { DOCKER_HOST: 'unix:///nonexistent/docker.sock', HOME: home } });
    try {
      const r = await runs.run({ runId: 'none', mode: 'docker', source: 'package main\nfunc main() {}\n' });
      expect(r.status).toBe('sandbox-unavailable');
      expect(r.message).toMatch(/no container engine answers .*start Docker.*or use the WASM sandbox/);
      const status = await new DockerService({ DOCKER_HOST: 'unix:///nonexistent/docker.sock', HOME: home }).status();
      expect(status.available).toBe(false);
    } finally {
      await runs.dispose();
    }
  });

  it('sweeps the container of a process killed mid-run at the next start', async () => {
    const root = resolve(__dirname, '../../../..');
    const file = join(home, 'sleep.go');
    writeFileSync(file, 'package main\nimport ("fmt";"time")\nfunc main() { fmt.Println("started"); time.Sleep(time.Hour) }\n');
    const child = spawn(process.execPath, [join(root, 'dist/node/cli.cjs'), 'run', '--mode', 'docker', '--timeout', '60s', file], {
      env: { ...process.env, GOPHERLAB_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((ok, fail) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('started') && ok());
      child.on('exit', (code) => fail(new Error(`the CLI exited early (${code})`)));
    });
    const docker = new Docker();
    const mine = async () =>
      (await docker.listContainers({ all: true, filters: { label: [CONTAINER_LABEL, `${OWNER_LABEL}=${child.pid}`] } })).length;
    expect(await mine()).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(await mine()).toBeGreaterThan(0); // a kill -9 cleans nothing up by itself
    const next = new DockerService();
    try {
      await next.get();
      expect(await mine()).toBe(0);
    } finally {
      await next.dispose();
    }
  });
});
