// One line about where the release list stands: online, offline with a cached copy, or missing.
import type { Catalog } from '../../shared/toolchain';
import type { CatalogStatus } from '../store/sdk-slice';
import { formatAge } from './format';

export type CatalogState = 'idle' | 'loading' | 'online' | 'offline' | 'unavailable' | 'error';

export interface CatalogSummary {
  state: CatalogState;
  /** Where the list comes from, e.g. proxy.golang.org. */
  source: string | null;
  text: string;
  /** The server's or the transport's words on what went wrong, and what to do. */
  problem: string | null;
  refreshing: boolean;
}

export function proxyHost(proxy: string): string {
  if (proxy === 'off' || proxy === '') return 'module downloads off';
  try {
    return new URL(proxy).host || proxy;
  } catch {
    return proxy;
  }
}

export function summarizeCatalog(catalog: Catalog | null, status: CatalogStatus, error: string | null, now: number): CatalogSummary {
  const refreshing = status === 'loading';
  if (status === 'unavailable') return { state: 'unavailable', source: null, text: error ?? 'The release list is not available.', problem: null, refreshing: false };
  if (!catalog) {
    if (status === 'error') return { state: 'error', source: null, text: error ?? 'Could not load the list of Go releases.', problem: null, refreshing };
    if (status === 'loading') return { state: 'loading', source: null, text: 'Loading the list of Go releases…', problem: null, refreshing };
    return { state: 'idle', source: null, text: 'The list of Go releases has not been loaded yet.', problem: null, refreshing };
  }
  const source = proxyHost(catalog.proxy);
  const count = `${catalog.releases.length} release${catalog.releases.length === 1 ? '' : 's'}`;
  const age = catalog.fetchedAt !== null ? formatAge(catalog.fetchedAt, now) : null;
  // A failed refresh on top of a list already shown: keep the list, say what failed.
  const problem = [catalog.error, status === 'error' ? error : null].filter((p): p is string => !!p).join(' ') || null;
  if (catalog.offline) {
    const text =
      catalog.releases.length > 0
        ? `Offline — ${count} from the list fetched ${age ?? 'earlier'}`
        : 'Offline, and no list of releases is cached: connect to the internet, or import an SDK or a classroom kit.';
    return { state: 'offline', source, text, problem, refreshing };
  }
  return { state: 'online', source, text: `${count} · updated ${age ?? 'now'}`, problem, refreshing };
}
