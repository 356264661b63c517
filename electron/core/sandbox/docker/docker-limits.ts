// Defaults of the Docker sandbox's limits; a module of its own so the run pipeline can read them
// without loading the engine client.
export interface DockerLimits {
  timeoutMs: number;
  memoryBytes: number;
  outputBytes: number;
  cpus: number;
  pids: number;
}

export const DOCKER_DEFAULTS = { cpus: 1, pids: 64, tmpfsBytes: 16 * 1024 * 1024, nofile: 256, fsizeBytes: 16 * 1024 * 1024 } as const;
