// gopls in the editor: what the renderer and the core say to each other about the language server.
// Positions are LSP's (0-based line, UTF-16 character) in one file of the snippet; the renderer
// maps them to and from the txtar text the editor shows.
import { z } from 'zod';

export const LSP_METHODS = ['textDocument/completion', 'textDocument/hover', 'textDocument/signatureHelp', 'textDocument/definition'] as const;
export type LspMethod = (typeof LSP_METHODS)[number];

const TabIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const LspPositionSchema = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
export type LspPosition = z.infer<typeof LspPositionSchema>;

export const LspRangeSchema = z.object({ start: LspPositionSchema, end: LspPositionSchema });
export type LspRange = z.infer<typeof LspRangeSchema>;

export const GoplsStatusSchema = z.object({
  /** A gopls binary was found (or installed) and can be started. */
  available: z.boolean(),
  /** e.g. v0.23.0, when known. */
  version: z.string().nullable(),
  path: z.string().nullable(),
  /** Where it was found: the app's store, PATH, or GOBIN/GOPATH/bin. */
  source: z.enum(['store', 'path', 'gopath']).nullable(),
  installing: z.boolean(),
  /** The gopls release an install would fetch, and the Go that would build it; null when none can. */
  installable: z.object({ version: z.string(), go: z.string() }).nullable(),
  /** What is wrong and what to do, when unavailable. */
  message: z.string().optional(),
});
export type GoplsStatus = z.infer<typeof GoplsStatusSchema>;

export const GOPLS_INSTALL_PHASES = ['queued', 'downloading', 'building', 'done', 'failed'] as const;
export const GoplsProgressSchema = z.object({
  version: z.string(),
  phase: z.enum(GOPLS_INSTALL_PHASES),
  /** Modules downloaded or packages compiled so far, in the current phase. */
  count: z.number().int(),
  /** Packages the build will compile, once known. */
  total: z.number().int().nullable(),
  message: z.string().optional(),
});
export type GoplsProgress = z.infer<typeof GoplsProgressSchema>;

export const LspSyncParamsSchema = z
  .object({
    tabId: TabIdSchema,
    /** The tab's toolchain (id, version, GOROOT or '' for the default). */
    go: z.string().max(4096),
    /** The tab's whole text: plain Go or txtar. */
    source: z.string().max(4 * 1024 * 1024),
  })
  .strict();

export const LspSyncResultSchema = z.object({
  /** False when the text could not be handed to gopls; message says why and what to do. */
  synced: z.boolean(),
  /** The snippet's files as gopls sees them (go.mod added when the snippet has none). */
  files: z.array(z.string()),
  message: z.string().optional(),
});
export type LspSyncResult = z.infer<typeof LspSyncResultSchema>;

export const LspRequestParamsSchema = z
  .object({
    tabId: TabIdSchema,
    method: z.enum(LSP_METHODS),
    /** A file of the snippet, e.g. prog.go or util/util.go. */
    file: z.string().min(1).max(255),
    position: LspPositionSchema,
    /** Signature help: what made the editor ask ('(' or ','). */
    triggerCharacter: z.string().max(1).optional(),
  })
  .strict();
export type LspRequestParams = z.infer<typeof LspRequestParamsSchema>;

/** A place in the snippet (file is one of its files), or outside it (file null: the standard library…). */
export const LspLocationSchema = z.object({ file: z.string().nullable(), path: z.string(), range: LspRangeSchema });
export type LspLocation = z.infer<typeof LspLocationSchema>;

export const LspDiagnosticSchema = z.object({
  range: LspRangeSchema,
  /** LSP's: 1 error, 2 warning, 3 information, 4 hint. */
  severity: z.number().int().min(1).max(4).optional(),
  message: z.string(),
  source: z.string().optional(),
  code: z.union([z.string(), z.number()]).optional(),
});
export type LspDiagnostic = z.infer<typeof LspDiagnosticSchema>;

export const LspDiagnosticsEventSchema = z.object({
  tabId: z.string(),
  file: z.string(),
  diagnostics: z.array(LspDiagnosticSchema),
});
export type LspDiagnosticsEvent = z.infer<typeof LspDiagnosticsEventSchema>;
