import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, type AppRequestHandler } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './app-scheme';

let dir: string;
let handler: AppRequestHandler;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gopherlab-app-protocol-'));
  const root = join(dir, 'renderer');
  await mkdir(join(root, 'fonts'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Gopherlab</title>');
  await writeFile(join(root, 'app.js'), 'console.log("hi")');
  await writeFile(join(root, 'fonts', 'codicon.ttf'), Buffer.from([0, 1, 0, 0]));
  await writeFile(join(dir, 'secret.txt'), 'outside');
  await symlink(join(dir, 'secret.txt'), join(root, 'leak.txt'));
  handler = createAppProtocolHandler(root);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('createAppProtocolHandler', () => {
  it('serves index.html with the CSP and its content type', async () => {
    const res = await get('app://gopherlab/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Gopherlab</title>');
  });

  it('serves scripts and fonts byte for byte', async () => {
    const js = await get('app://gopherlab/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log("hi")');
    const font = await get('app://gopherlab/fonts/codicon.ttf');
    expect(font.headers.get('content-type')).toBe('font/ttf');
    expect([...new Uint8Array(await font.arrayBuffer())]).toEqual([0, 1, 0, 0]);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://gopherlab/app.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('refuses escapes, including through a symlink, with 403', async () => {
    expect((await get('app://gopherlab/..%2Fsecret.txt')).status).toBe(403);
    expect((await get('app://gopherlab/assets/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBe(403);
    expect((await get('app://elsewhere/app.js')).status).toBe(403);
    const viaLink = await get('app://gopherlab/leak.txt');
    expect(viaLink.status).toBe(403);
    expect(await viaLink.text()).not.toContain('outside');
  });

  it('answers 404 for missing files and folders, 405 for other methods', async () => {
    expect((await get('app://gopherlab/missing.js')).status).toBe(404);
    expect((await get('app://gopherlab/fonts')).status).toBe(404);
    expect((await get('app://gopherlab/app.js/x')).status).toBe(404);
    const post = await get('app://gopherlab/app.js', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
