// Which sandboxes can run now: WASM always; Docker when a container engine answers. Asked for
// lazily (the first ask connects to the engine and readies its runner image), and again on
// "Check again" or after a Docker run found no engine.
import type { EngineStatusInfo } from '../../shared/contract';
import { describeError } from './errors';
import type { SliceCreator, StoreDeps } from './types';

export type SandboxStatusState = 'idle' | 'loading' | 'ready' | 'error';

export interface SandboxSlice {
  docker: EngineStatusInfo | null;
  dockerState: SandboxStatusState;
  /** The sandbox.status call itself failed (transport): not the same as "no engine". */
  dockerCallError: string | null;
  /** Asks the core; `refresh` makes it connect to the engine again instead of answering from memory. */
  loadSandboxStatus(refresh?: boolean): Promise<void>;
  /** Asks once, unless an answer is here or on its way. */
  ensureSandboxStatus(): void;
}

export function createSandboxSlice(deps: StoreDeps): SliceCreator<SandboxSlice> {
  let seq = 0;
  return (set, get) => ({
    docker: null,
    dockerState: 'idle',
    dockerCallError: null,

    async loadSandboxStatus(refresh) {
      const mine = ++seq;
      set({ dockerState: 'loading', dockerCallError: null });
      try {
        const { docker } = await deps.client.call('sandbox.status', refresh ? { refresh: true } : {});
        // A later ask (say "Check again" while the first was slow) has the newer answer.
        if (mine === seq) set({ docker, dockerState: 'ready' });
      } catch (err) {
        if (mine === seq) set({ dockerState: 'error', dockerCallError: `Could not ask for the Docker status: ${describeError(err)}` });
      }
    },

    ensureSandboxStatus() {
      const state = get().dockerState;
      if (state === 'idle' || state === 'error') void get().loadSandboxStatus();
    },
  });
}

/** What the UI says about the engine: checking, available, or unavailable with the reason. */
export type DockerAvailability = 'unknown' | 'checking' | 'available' | 'unavailable';

export function dockerAvailability(s: Pick<SandboxSlice, 'docker' | 'dockerState'>): DockerAvailability {
  if (s.dockerState === 'loading') return 'checking';
  if (s.dockerState === 'error') return 'unavailable';
  if (!s.docker) return 'unknown';
  return s.docker.available ? 'available' : 'unavailable';
}

/** One line for a tooltip: version, endpoint and architecture, or why there is no engine. */
export function describeDocker(s: Pick<SandboxSlice, 'docker' | 'dockerState' | 'dockerCallError'>): string {
  const availability = dockerAvailability(s);
  if (availability === 'checking') return 'Docker: checking the container engine…';
  if (availability === 'unknown') return 'Docker: not checked yet';
  if (s.dockerState === 'error') return s.dockerCallError ?? 'Docker: the status is unknown';
  const d = s.docker!;
  if (!d.available) return `Docker unavailable: ${d.error ?? 'no container engine answers'}`;
  // The core names the engine in its version ("Docker 28.2.2", "Podman 5.0.1").
  const name = d.version ? (/^(docker|podman)\b/i.test(d.version) ? d.version : `Docker ${d.version}`) : 'Docker';
  return [name, d.arch, d.endpoint].filter((p): p is string => Boolean(p)).join(' · ');
}
