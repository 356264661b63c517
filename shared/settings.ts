// App-wide settings the user can change; stored next to the SDKs so the CLI honours them too.
import { z } from 'zod';

export const SettingsSchema = z.object({
  /** A GOPROXY list for SDK downloads; empty means the environment's GOPROXY (or go env). */
  goproxy: z.string().max(2048).default(''),
  /** Extra GOROOTs to offer as toolchains (e.g. a Go built from source). */
  goroots: z.array(z.string().min(1).max(4096)).max(50).default([]),
  /** Byte budget of the compile cache; least recently used artifacts are evicted beyond it. */
  cacheBudgetBytes: z
    .number()
    .int()
    .min(16 * 1024 * 1024)
    .max(64 * 1024 * 1024 * 1024)
    .default(512 * 1024 * 1024),
});
export const DEFAULT_CACHE_BUDGET_BYTES = 512 * 1024 * 1024;
export type Settings = z.infer<typeof SettingsSchema>;
