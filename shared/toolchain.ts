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
});
export type Toolchain = z.infer<typeof ToolchainSchema>;
