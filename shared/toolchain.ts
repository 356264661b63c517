// A Go toolchain (SDK) the app knows about.
import { z } from 'zod';

export const ToolchainSourceSchema = z.enum(['path', 'sdk-dir', 'store', 'user']);
export type ToolchainSource = z.infer<typeof ToolchainSourceSchema>;

export const ToolchainSchema = z.object({
  /** Stable id, e.g. "go1.22.3" or "path:go1.26.8". */
  id: z.string(),
  /** What `go env GOVERSION` says, e.g. "go1.22.3". */
  version: z.string(),
  goroot: z.string(),
  source: ToolchainSourceSchema,
  /** The toolchain used when a run names none. */
  isDefault: z.boolean(),
  /** Installed by Gopherlab (its store): it can be removed from the app. */
  removable: z.boolean().optional(),
  /** How the install was checked: the checksum database, a kit's manifest, or not at all. */
  verification: z.enum(['checksum-db', 'kit-manifest', 'unverified']).optional(),
  /** Disk use of the GOROOT, when known. */
  diskBytes: z.number().optional(),
});
export type Toolchain = z.infer<typeof ToolchainSchema>;

/** One release in the catalogue of the module proxy. */
export const ReleaseSchema = z.object({
  version: z.string(),
  stable: z.boolean(),
  /** The newest release of its minor (go1.22.x): the one most people want. */
  latestPatch: z.boolean(),
  installed: z.boolean(),
});
export type Release = z.infer<typeof ReleaseSchema>;

export const CatalogSchema = z.object({
  releases: z.array(ReleaseSchema),
  /** Where the list came from, e.g. https://proxy.golang.org. */
  proxy: z.string(),
  fetchedAt: z.number().nullable(),
  /** True when the proxy could not be reached and the list is the cached one (or empty). */
  offline: z.boolean(),
  /** What went wrong reaching the proxy, and what to do. */
  error: z.string().optional(),
});
export type Catalog = z.infer<typeof CatalogSchema>;

export const INSTALL_PHASES = ['queued', 'download', 'verify', 'extract', 'prewarm', 'done', 'failed', 'canceled'] as const;
export const InstallProgressSchema = z.object({
  /** The release being installed; installs are keyed by version, so two requests share one. */
  version: z.string(),
  phase: z.enum(INSTALL_PHASES),
  bytes: z.number(),
  /** Total bytes of the download, when the proxy says. */
  total: z.number().nullable(),
  /** Bytes per second over the last second or so. */
  rate: z.number().nullable(),
  etaMs: z.number().nullable(),
  message: z.string().optional(),
});
export type InstallProgress = z.infer<typeof InstallProgressSchema>;
