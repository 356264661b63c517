// Every Go release the module proxy has for this machine, sorted, marked stable/unstable and
// newest-patch-of-its-minor; cached on disk so the list is there offline.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog, Release } from '../../../shared/toolchain';
import { writeFileAtomic } from '../util/atomic-write';
import { hostPlatform, TOOLCHAIN_MODULE } from './proxy';
import { compareGoVersions, parseGoVersion } from './version';

interface CachedList {
  proxy: string;
  fetchedAt: number;
  versions: string[];
}

export interface CatalogOptions {
  dataDir: string;
  /** The proxy URL, or null when module downloads are off. */
  proxy: () => string | null;
  /** Versions installed right now, to mark them. */
  installed: () => Promise<string[]>;
  /** A fresh list is fetched after this long (the proxy gains a release every few weeks). */
  maxAgeMs?: number;
  fetchTimeoutMs?: number;
}

export class ReleaseCatalog {
  private readonly file: string;

  constructor(private readonly o: CatalogOptions) {
    this.file = join(o.dataDir, 'catalog.json');
  }

  async get(opts: { refresh?: boolean } = {}): Promise<Catalog> {
    const proxy = this.o.proxy();
    const cached = await this.readCache();
    const fresh = cached && cached.proxy === proxy && Date.now() - cached.fetchedAt < (this.o.maxAgeMs ?? 6 * 3600_000);
    let list = cached;
    let offline = false;
    let error: string | undefined;
    if (!proxy) {
      offline = true;
      error = 'module downloads are off (GOPROXY=off): the list is the cached one; import a kit to add SDKs offline';
    } else if (!fresh || opts.refresh) {
      try {
        list = { proxy, fetchedAt: Date.now(), versions: await this.fetchList(proxy) };
        await writeFileAtomic(this.file, JSON.stringify(list));
      } catch (err) {
        offline = true;
        const why = err instanceof Error ? err.message : String(err);
        error = cached
          ? `cannot reach ${proxy} (${why}); showing the list cached ${new Date(cached.fetchedAt).toISOString()}`
          : `cannot reach ${proxy} (${why}): connect to the internet, or import a kit`;
      }
    }
    const installed = new Set(await this.o.installed());
    return {
      releases: toReleases(list?.versions ?? [], installed),
      proxy: proxy ?? 'off',
      fetchedAt: list?.fetchedAt ?? null,
      offline,
      ...(error ? { error } : {}),
    };
  }

  private async readCache(): Promise<CachedList | null> {
    try {
      const c = JSON.parse(await readFile(this.file, 'utf8')) as CachedList;
      return Array.isArray(c.versions) && typeof c.fetchedAt === 'number' ? c : null;
    } catch {
      return null;
    }
  }

  private async fetchList(proxy: string): Promise<string[]> {
    const res = await fetch(`${proxy}/${TOOLCHAIN_MODULE}/@v/list`, { signal: AbortSignal.timeout(this.o.fetchTimeoutMs ?? 15_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return versionsForHost(await res.text());
  }
}

/** Go versions in a proxy list (`v0.0.1-go1.22.3.linux-amd64` lines) for this machine. */
export function versionsForHost(list: string, platform = hostPlatform()): string[] {
  const suffix = `.${platform.goos}-${platform.goarch}`;
  const out = new Set<string>();
  for (const line of list.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('v0.0.1-go') || !t.endsWith(suffix)) continue;
    const v = t.slice('v0.0.1-'.length, t.length - suffix.length);
    if (parseGoVersion(v)) out.add(v);
  }
  return [...out];
}

/** Newest first; the newest stable release of each minor is the one to highlight. */
export function toReleases(versions: string[], installed: Set<string>): Release[] {
  const sorted = [...versions].sort((a, b) => compareGoVersions(b, a));
  const seenMinor = new Set<string>();
  return sorted.map((version) => {
    const p = parseGoVersion(version)!;
    const stable = p.pre === null;
    const minor = `${p.major}.${p.minor}`;
    const latestPatch = stable && !seenMinor.has(minor);
    if (latestPatch) seenMinor.add(minor);
    return { version, stable, latestPatch, installed: installed.has(version) };
  });
}
