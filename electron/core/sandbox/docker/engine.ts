// Finds a Docker-compatible engine: DOCKER_HOST, the default Docker socket, or a Podman socket
// that speaks Docker's API. Answers a status the UI shows, and says what to do when none answers.
import Docker from 'dockerode';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface EngineStatus {
  available: boolean;
  /** Where we connected (a socket path or URL). */
  endpoint: string | null;
  /** "Docker 20.10.24" / "Podman 5.0.0". */
  version: string | null;
  /** Go's name for the engine's architecture: what binaries must be built for. */
  arch: string | null;
  /** Why no engine answers, and what to do. */
  error?: string;
}

export interface Engine {
  docker: Docker;
  status: EngineStatus;
}

function candidates(env: NodeJS.ProcessEnv): { endpoint: string; options: Docker.DockerOptions }[] {
  const out: { endpoint: string; options: Docker.DockerOptions }[] = [];
  const host = env.DOCKER_HOST;
  if (host) {
    if (host.startsWith('unix://')) out.push({ endpoint: host, options: { socketPath: host.slice('unix://'.length) } });
    else if (host.startsWith('npipe://')) out.push({ endpoint: host, options: { socketPath: host.slice('npipe://'.length) } });
    else {
      const url = new URL(host.replace(/^tcp:/, 'http:'));
      out.push({ endpoint: host, options: { host: url.hostname, port: Number(url.port || 2375), protocol: 'http' } });
    }
    // Like the docker CLI: an explicit DOCKER_HOST is the only place to look.
    return out;
  }
  const sockets =
    process.platform === 'win32'
      ? ['//./pipe/docker_engine', '//./pipe/podman-machine-default']
      : [
          '/var/run/docker.sock',
          join(env.HOME ?? '', '.docker', 'run', 'docker.sock'),
          join(env.HOME ?? '', '.colima', 'default', 'docker.sock'),
          env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock') : '',
          '/run/podman/podman.sock',
        ];
  for (const s of sockets) if (s && (process.platform === 'win32' || existsSync(s))) out.push({ endpoint: s, options: { socketPath: s } });
  return out;
}

const ARCH: Record<string, string> = { x86_64: 'amd64', amd64: 'amd64', aarch64: 'arm64', arm64: 'arm64', armv7l: 'arm', s390x: 's390x', ppc64le: 'ppc64le', riscv64: 'riscv64' };

/** Connects to the first engine that answers a ping within the timeout. */
export async function connectEngine(env: NodeJS.ProcessEnv = process.env, timeoutMs = 3000): Promise<Engine | { docker: null; status: EngineStatus }> {
  const tried: string[] = [];
  for (const c of candidates(env)) {
    const docker = new Docker({ ...c.options, timeout: timeoutMs });
    try {
      const info = (await docker.version()) as { Version?: string; Arch?: string; Components?: { Name?: string }[] };
      const name = info.Components?.some((x) => /podman/i.test(x.Name ?? '')) ? 'Podman' : 'Docker';
      const arch = ARCH[info.Arch ?? ''] ?? info.Arch ?? null;
      return { docker: new Docker(c.options), status: { available: true, endpoint: c.endpoint, version: `${name} ${info.Version ?? '?'}`, arch } };
    } catch (err) {
      tried.push(`${c.endpoint} (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
  }
  const where = tried.length > 0 ? `tried ${tried.join(', ')}` : 'no Docker or Podman socket found';
  return {
    docker: null,
    status: {
      available: false,
      endpoint: null,
      version: null,
      arch: null,
      error: `no container engine answers (${where}): start Docker (or Podman's Docker-compatible socket), set DOCKER_HOST, or use the WASM sandbox`,
    },
  };
}
