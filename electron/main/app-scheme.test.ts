import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, contentTypeFor, isAppUrl, isInside, resolveAppPath } from './app-scheme';

const root = resolve('/srv', 'gopherlab', 'dist', 'renderer');

describe('resolveAppPath', () => {
  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppPath(root, 'app://gopherlab/app.js')).toEqual({ kind: 'file', path: join(root, 'app.js') });
    expect(resolveAppPath(root, 'app://gopherlab/assets/codicon.ttf?v=2#x')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'codicon.ttf'),
    });
    expect(resolveAppPath(root, 'app://gopherlab/my%20file.css')).toEqual({ kind: 'file', path: join(root, 'my file.css') });
  });

  it('serves index.html for the root and for folders', () => {
    expect(resolveAppPath(root, 'app://gopherlab/')).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://gopherlab')).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(resolveAppPath(root, APP_ENTRY_URL)).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://gopherlab/docs/')).toEqual({ kind: 'file', path: join(root, 'docs', 'index.html') });
  });

  it.each([
    'app://gopherlab/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://gopherlab/..%2f',
    'app://gopherlab/assets/..%2F..%2F..%2Fpackage.json',
    'app://gopherlab/..%5C..%5Cwindows%5Cwin.ini',
    'app://gopherlab/%2e%2e%5c%2e%2e%5csecret',
  ])('refuses %s, which escapes the renderer folder', (url) => {
    expect(resolveAppPath(root, url)).toMatchObject({ kind: 'forbidden' });
  });

  it('keeps dot segments inside the folder (the URL parser removes them, escaped or not)', () => {
    for (const url of ['app://gopherlab/../../../etc/passwd', 'app://gopherlab/%2e%2e/%2E%2e/etc/passwd']) {
      expect(resolveAppPath(root, url)).toEqual({ kind: 'file', path: join(root, 'etc', 'passwd') });
    }
  });

  it('refuses other hosts, other schemes, NUL bytes and broken escapes', () => {
    expect(resolveAppPath(root, 'app://evil/app.js')).toMatchObject({ kind: 'forbidden' });
    expect(resolveAppPath(root, 'file:///etc/passwd')).toMatchObject({ kind: 'forbidden' });
    expect(resolveAppPath(root, 'https://gopherlab/app.js')).toMatchObject({ kind: 'forbidden' });
    expect(resolveAppPath(root, 'app://gopherlab/app.js%00.png')).toMatchObject({ kind: 'forbidden' });
    expect(resolveAppPath(root, 'app://gopherlab/%E0%A4%A')).toMatchObject({ kind: 'forbidden' });
    expect(resolveAppPath(root, 'not a url')).toMatchObject({ kind: 'forbidden' });
  });
});

describe('isInside', () => {
  it('accepts the folder and its descendants only', () => {
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, join(root, 'a', 'b.js'))).toBe(true);
    expect(isInside(root, join(root, '..x'))).toBe(true);
    expect(isInside(root, resolve(root, '..'))).toBe(false);
    expect(isInside(root, `${root}-other${sep}app.js`)).toBe(false);
    expect(isInside(root, resolve(root, '..', 'renderer2', 'x'))).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('is true only for the app scheme and host', () => {
    expect(isAppUrl('app://gopherlab/index.html')).toBe(true);
    expect(isAppUrl('app://gopherlab/')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('https://gopherlab/index.html')).toBe(false);
    expect(isAppUrl('about:blank')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer bundle’s file types', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/editor.worker.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/APP.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/codicon.ttf')).toBe('font/ttf');
    expect(contentTypeFor('/x/go.wasm')).toBe('application/wasm');
    expect(contentTypeFor('/x/LICENSE')).toBe('application/octet-stream');
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('carries the directives the renderer was built for', () => {
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "font-src 'self' data:",
      "img-src 'self' data:",
      "worker-src 'self' blob:",
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
