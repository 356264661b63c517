// What the user has open: tabs of snippets and the settings that go with them. Autosaved.
import { z } from 'zod';
import { BisectReportSchema, MatrixResultSchema } from './drift';
import { RunLimitsSchema, SandboxModeSchema } from './run';

/** The most text a tab's stdin box keeps (saved with the tab on every autosave; the CLI takes more). */
export const MAX_TAB_STDIN_CHARS = 1024 * 1024;

export const TabSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  title: z.string().max(200),
  source: z.string().max(4 * 1024 * 1024),
  /** Toolchain id or version for this tab; empty means the default toolchain. */
  go: z.string().max(4096).default(''),
  mode: SandboxModeSchema.default('wasm'),
  /** The program's stdin for this tab's runs; absent or empty: the program reads EOF. */
  stdin: z.string().max(MAX_TAB_STDIN_CHARS).optional(),
  /** The last matrix and bisect of this snippet, saved with it. */
  drift: z.object({ matrix: MatrixResultSchema.optional(), bisect: BisectReportSchema.optional() }).optional(),
});
export type Tab = z.infer<typeof TabSchema>;

export const WorkspaceSchema = z.object({
  tabs: z.array(TabSchema).min(1).max(100),
  activeTabId: z.string(),
  limits: RunLimitsSchema.partial().default({}),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;
