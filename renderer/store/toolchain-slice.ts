// The Go toolchains the app knows, for the version picker and the status bar.
import type { Toolchain } from '../../shared/toolchain';
import { compareGoVersions, normalizeGoVersion, parseGoVersion } from '../versions/go-version';
import { describeError } from './errors';
import type { SliceCreator, StoreDeps } from './types';

export interface ToolchainSlice {
  toolchains: Toolchain[];
  toolchainsStatus: 'idle' | 'loading' | 'ready' | 'error';
  toolchainsError: string | null;
  loadToolchains(refresh?: boolean): Promise<void>;
}

export function createToolchainSlice(deps: StoreDeps): SliceCreator<ToolchainSlice> {
  return (set) => ({
    toolchains: [],
    toolchainsStatus: 'idle',
    toolchainsError: null,
    async loadToolchains(refresh) {
      set({ toolchainsStatus: 'loading', toolchainsError: null });
      try {
        const toolchains = await deps.client.call('sdk.list', refresh ? { refresh: true } : {});
        set({ toolchains, toolchainsStatus: 'ready' });
      } catch (err) {
        set({ toolchainsStatus: 'error', toolchainsError: `Could not list Go toolchains: ${describeError(err)}` });
      }
    },
  });
}

export const selectDefaultToolchain = (s: Pick<ToolchainSlice, 'toolchains'>): Toolchain | undefined =>
  s.toolchains.find((t) => t.isDefault) ?? s.toolchains[0];

/**
 * The toolchain a tab's `go` field names, the way the core resolves it: the default for "", then
 * by id, by version ("1.22.3" or "go1.22.3"), by GOROOT, and "1.22" as the newest 1.22.x.
 */
export function resolveToolchain(toolchains: ReadonlyArray<Toolchain>, go: string): Toolchain | undefined {
  if (!go) return toolchains.find((t) => t.isDefault) ?? toolchains[0];
  const version = normalizeGoVersion(go);
  const exact = toolchains.find((t) => t.id === go) ?? toolchains.find((t) => t.version === version) ?? toolchains.find((t) => t.goroot === go);
  if (exact) return exact;
  const wanted = parseGoVersion(version);
  if (!wanted || wanted.patch !== null || wanted.pre !== null) return undefined;
  return toolchains
    .filter((t) => {
      const v = parseGoVersion(t.version);
      return v !== null && v.major === wanted.major && v.minor === wanted.minor;
    })
    .sort((a, b) => compareGoVersions(b.version, a.version))[0];
}
