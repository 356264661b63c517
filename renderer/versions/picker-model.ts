// What the version picker lists, in order: the installed toolchains (the default first, then
// newest first), then the releases that can be installed, filtered by the search text.
import type { Release, Toolchain } from '../../shared/toolchain';
import { isActive, type InstallView } from '../store/install-progress';
import { resolveToolchain } from '../store/toolchain-slice';
import { SOURCE_LABEL } from '../sdk/format';
import { compareGoVersions, normalizeGoVersion, parseGoVersion, supportsWasip1 } from './go-version';

export interface InstalledOption {
  kind: 'installed';
  key: string;
  version: string;
  toolchain: Toolchain;
  /** What the tab's `go` becomes: "" follows the default toolchain. */
  value: string;
  selected: boolean;
}

export interface AvailableOption {
  kind: 'available';
  key: string;
  version: string;
  release: Release;
  /** The WASM sandbox builds for wasip1, which exists from Go 1.21. */
  wasm: boolean;
  install: InstallView | undefined;
}

export type PickerOption = InstalledOption | AvailableOption;

export interface PickerInput {
  toolchains: ReadonlyArray<Toolchain>;
  releases: ReadonlyArray<Release> | null;
  tabGo: string;
  query: string;
  showUnstable: boolean;
  installs: Readonly<Record<string, InstallView>>;
}

export interface PickerModel {
  installed: InstalledOption[];
  available: AvailableOption[];
  /** The tab's choice when it names nothing installed (removed, or from another machine). */
  missing: string | null;
  /** Pre-releases that match the search but are hidden by the stable-only filter. */
  hiddenUnstable: number;
  /** Every option in keyboard order. */
  options: PickerOption[];
}

const SOURCE_ORDER: Record<Toolchain['source'], number> = { path: 0, 'sdk-dir': 1, store: 2, user: 3 };

/** Every word of the query must appear in one of the fields; "go" in front of a version is optional. */
export function matchesQuery(query: string, fields: ReadonlyArray<string>): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.map((f) => f.toLowerCase());
  return words.every((w) => {
    const bare = w.replace(/^go(?=\d)/, '');
    return haystack.some((f) => f.includes(w) || f.replace(/^go(?=\d)/, '').includes(bare));
  });
}

export function buildPickerModel(input: PickerInput): PickerModel {
  const { toolchains, tabGo, query, showUnstable, installs } = input;
  const selected = resolveToolchain(toolchains, tabGo);

  const installed: InstalledOption[] = [...toolchains]
    .sort(
      (a, b) =>
        Number(b.isDefault) - Number(a.isDefault) ||
        compareGoVersions(b.version, a.version) ||
        SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source],
    )
    .filter((t) => matchesQuery(query, [t.version, SOURCE_LABEL[t.source], t.source, t.isDefault ? 'default' : '', t.verification ?? '']))
    .map((t) => ({
      kind: 'installed',
      key: `installed:${t.goroot}`,
      version: t.version,
      toolchain: t,
      value: t.isDefault ? '' : t.id,
      selected: selected !== undefined && selected.goroot === t.goroot,
    }));

  const installedVersions = new Set(toolchains.map((t) => t.version));
  const releases = new Map<string, Release>();
  for (const r of input.releases ?? []) releases.set(normalizeGoVersion(r.version), r);
  // An install under way (perhaps started elsewhere) stays visible even if the list lacks it.
  for (const [version, view] of Object.entries(installs)) {
    if (isActive(view) && !releases.has(version)) {
      releases.set(version, { version, stable: parseGoVersion(version)?.pre === null, latestPatch: false, installed: false });
    }
  }

  let hiddenUnstable = 0;
  const available: AvailableOption[] = [];
  for (const [version, release] of releases) {
    if (release.installed || installedVersions.has(version)) continue;
    if (!matchesQuery(query, [version, release.latestPatch ? 'latest' : '', release.stable ? 'stable' : 'unstable'])) continue;
    const install = installs[version];
    if (!release.stable && !showUnstable && !isActive(install)) {
      hiddenUnstable += 1;
      continue;
    }
    available.push({ kind: 'available', key: `available:${version}`, version, release, wasm: supportsWasip1(version), install });
  }
  available.sort((a, b) => compareGoVersions(b.version, a.version));

  const missing = tabGo !== '' && !selected ? tabGo : null;
  return { installed, available, missing, hiddenUnstable, options: [...installed, ...available] };
}
