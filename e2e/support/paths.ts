// Where the e2e tests find the built app and the shared Go build cache.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const SERVER_ENTRY = join(REPO_ROOT, 'dist', 'node', 'server.cjs');
export const RENDERER_INDEX = join(REPO_ROOT, 'dist', 'renderer', 'index.html');
/** Shared with the unit tests so the standard library is compiled for wasip1 once per machine. */
export const SHARED_GOCACHE = process.env.GOPHERLAB_GOCACHE ?? join(homedir(), '.cache', 'gopherlab-test', 'gocache');
