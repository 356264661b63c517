import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../shared/toolchain';
import { summarizeCatalog } from './catalog-state';

const HOUR = 3_600_000;
const catalog = (over: Partial<Catalog> = {}): Catalog => ({
  releases: [
    { version: 'go1.26.9', stable: true, latestPatch: true, installed: false },
    { version: 'go1.26.8', stable: true, latestPatch: false, installed: true },
  ],
  proxy: 'https://proxy.golang.org',
  fetchedAt: 0,
  offline: false,
  ...over,
});

describe('summarizeCatalog', () => {
  it('names the proxy, the count and the age when online', () => {
    expect(summarizeCatalog(catalog(), 'ready', null, 3 * HOUR)).toMatchObject({ state: 'online', source: 'proxy.golang.org', text: '2 releases · updated 3 h ago' });
  });

  it('says how old the cached list is when offline, and what to do when there is none', () => {
    const cached = summarizeCatalog(catalog({ offline: true, error: 'proxy.golang.org: no route to host' }), 'ready', null, 50 * HOUR);
    expect(cached).toMatchObject({ state: 'offline', text: 'Offline — 2 releases from the list fetched 2 days ago', problem: 'proxy.golang.org: no route to host' });
    const none = summarizeCatalog(catalog({ offline: true, releases: [], fetchedAt: null }), 'ready', null, 0);
    expect(none.text).toMatch(/no list of releases is cached: connect to the internet, or import/);
  });

  it('keeps a list already shown while refreshing or after a failed refresh', () => {
    expect(summarizeCatalog(catalog(), 'loading', null, 0)).toMatchObject({ state: 'online', refreshing: true });
    expect(summarizeCatalog(catalog(), 'error', 'Could not load: disconnected', 0)).toMatchObject({ state: 'online', problem: 'Could not load: disconnected' });
  });

  it('says when module downloads are off rather than naming a proxy', () => {
    expect(summarizeCatalog(catalog({ proxy: 'off', offline: true }), 'ready', null, 0).source).toBe('module downloads off');
  });

  it('reports a missing channel and a first load', () => {
    expect(summarizeCatalog(null, 'unavailable', 'update Gopherlab', 0)).toMatchObject({ state: 'unavailable', text: 'update Gopherlab' });
    expect(summarizeCatalog(null, 'loading', null, 0).state).toBe('loading');
    expect(summarizeCatalog(null, 'error', 'boom', 0)).toMatchObject({ state: 'error', text: 'boom' });
  });
});
