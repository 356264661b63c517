// App-wide settings the user can change; stored next to the SDKs so the CLI honours them too.
import { z } from 'zod';

export const SettingsSchema = z.object({
  /** A GOPROXY list for SDK downloads; empty means the environment's GOPROXY (or go env). */
  goproxy: z.string().max(2048).default(''),
  /** Extra GOROOTs to offer as toolchains (e.g. a Go built from source). */
  goroots: z.array(z.string().min(1).max(4096)).max(50).default([]),
});
export type Settings = z.infer<typeof SettingsSchema>;
