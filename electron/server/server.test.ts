// Browser mode over a real socket: the token and origin checks, the static files, and a run whose
// events reach the client that started it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../shared/contract';
import { resolveStaticPath } from './static';
import { startBrowserServer, type BrowserServer } from './server';

let server: BrowserServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gopherlab-server-test-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Gopherlab</title>');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  server = await startBrowserServer({ rendererRoot: renderer, port: 0, dataDir: join(dir, 'home'), prewarm: false });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(token: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${token}`, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, id: number, name: string, params: unknown, events: ServerFrame[] = []): Promise<ServerFrame & { kind: 'result' }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.kind === 'result' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame);
      } else events.push(frame);
    };
    ws.on('message', onMessage);
    const frame: ClientFrame = { kind: 'call', id, name, params };
    ws.send(JSON.stringify(frame));
  });
}

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 and prints a URL carrying a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{30,}$/);
  });

  it('serves the renderer with a CSP and nothing outside it', async () => {
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>Gopherlab</title>');
    expect((await fetch(`http://127.0.0.1:${server.port}/%2e%2e/secret.txt`)).status).toBe(404);
    expect(resolveStaticPath('/srv/app', '/../secret.txt')).toBe('/srv/app/secret.txt');
    expect(resolveStaticPath('/srv/app', '/%2e%2e%2f%2e%2e%2fetc/passwd')).toBe('/srv/app/etc/passwd');
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    const stale = await connect('wrong-token');
    const closed = await new Promise<{ code: number; calls: number }>((resolve) => {
      let calls = 0;
      stale.on('message', () => calls++);
      stale.on('close', (code) => resolve({ code, calls }));
      stale.send(JSON.stringify({ kind: 'call', id: 1, name: 'app.info', params: {} }));
    });
    expect(closed).toEqual({ code: 4401, calls: 0 });
    await expect(connect(server.token, 'http://evil.example')).rejects.toThrow(/403/);
    const ok = await connect(server.token, `http://127.0.0.1:${server.port}`);
    ok.close();
  });

  it('answers calls, validates params, and streams a run to the client that started it', async () => {
    const ws = await connect(server.token);
    const other = await connect(server.token);
    const otherEvents: ServerFrame[] = [];
    other.on('message', (d) => otherEvents.push(JSON.parse(d.toString()) as ServerFrame));

    const info = await call(ws, 1, 'app.info', {});
    expect(info.result).toMatchObject({ ok: true, value: { name: 'Gopherlab', transport: 'browser', modes: ['wasm', 'docker'] } });

    const unknown = await call(ws, 2, 'fs.readFile', { path: '/etc/passwd' });
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });

    const invalid = await call(ws, 3, 'run.start', { runId: '../x', source: 42 });
    expect(invalid.result).toMatchObject({ ok: false, error: { code: 'invalid-params' } });

    const events: ServerFrame[] = [];
    const run = await call(ws, 4, 'run.start', { runId: 'ws-run-1', source: 'package main\nimport "fmt"\nfunc main() { fmt.Println("over the socket") }\n' }, events);
    expect(run.result).toMatchObject({ ok: true, value: { status: 'ok', stdout: 'over the socket\n' } });
    expect(events).toContainEqual({ kind: 'event', name: 'run.output', payload: { runId: 'ws-run-1', stream: 'stdout', data: 'over the socket\n' } });
    expect(events.some((e) => e.kind === 'event' && e.name === 'run.stage')).toBe(true);
    expect(otherEvents).toEqual([]);
    ws.close();
    other.close();
  });

  it('cancels the runs of a client that disconnects', async () => {
    const ws = await connect(server.token);
    const frame: ClientFrame = { kind: 'call', id: 1, name: 'run.start', params: { runId: 'dropped', source: 'package main\nimport "time"\nfunc main() { println("go"); time.Sleep(time.Hour) }\n' } };
    const started = new Promise<void>((resolve) => ws.on('message', () => resolve()));
    ws.send(JSON.stringify(frame));
    await started;
    expect(server.api.core.runs.isActive('dropped')).toBe(true);
    ws.terminate();
    // Without the disconnect the guest would sleep for an hour (10 s limit); it ends at once.
    const t = performance.now();
    while (server.api.core.runs.isActive('dropped') && performance.now() - t < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(server.api.core.runs.isActive('dropped')).toBe(false);
  });

  it('saves and loads the workspace', async () => {
    const ws = await connect(server.token);
    const workspace = { tabs: [{ id: 't1', title: 'main.go', source: 'package main\n', go: '', mode: 'wasm' }], activeTabId: 't1', limits: { timeoutMs: 2000 } };
    expect((await call(ws, 1, 'workspace.save', workspace)).result).toMatchObject({ ok: true });
    expect((await call(ws, 2, 'workspace.load', {})).result).toEqual({ ok: true, value: workspace });
    ws.close();
  });
});
