// The renderer's origin: a privileged custom scheme instead of file://, so the page has a real
// origin ('self' in the CSP means exactly our files) and no access to the rest of the disk.
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'gopherlab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Applied to every response of the app scheme (documents and workers alike). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True when `url` is a page of ours: the app scheme and host, nothing else. */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

export type AppPathResolution =
  | { kind: 'file'; path: string }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'not-found'; reason: string };

/**
 * Maps an app-scheme URL to a file under `root`. Refuses other hosts, undecodable paths, NUL bytes
 * and anything that lands outside `root` once percent-escapes (`%2e%2e%2f`) are decoded.
 */
export function resolveAppPath(root: string, url: string): AppPathResolution {
  const parsed = parseUrl(url);
  if (parsed === null || parsed.protocol !== `${APP_SCHEME}:`) return { kind: 'forbidden', reason: 'not an app URL' };
  if (parsed.host !== APP_HOST) return { kind: 'forbidden', reason: `unknown host ${JSON.stringify(parsed.host)}` };

  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'forbidden', reason: 'malformed percent-encoding' };
  }
  if (pathname.includes('\0')) return { kind: 'forbidden', reason: 'NUL byte in path' };
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';

  const base = resolve(root);
  // Backslashes are separators on Windows; treat them as such everywhere so a path means one thing.
  const target = resolve(join(base, ...pathname.split(/[\\/]+/)));
  if (!isInside(base, target)) return { kind: 'forbidden', reason: 'path escapes the app folder' };
  if (target === base) return { kind: 'not-found', reason: 'a folder, not a file' };
  return { kind: 'file', path: target };
}

/** True when `target` is `base` itself or lies below it (both absolute and normalized). */
export function isInside(base: string, target: string): boolean {
  const rel = relative(base, target);
  if (rel === '') return true;
  return !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  const dot = path.lastIndexOf('.');
  const ext = dot >= 0 ? path.slice(dot).toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
