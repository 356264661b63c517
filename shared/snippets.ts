// The snippet library: every tab is a snippet (same id), kept on disk after its tab is closed,
// with the last runs of each. And the go.dev/play link forms the sharing features accept.
import { z } from 'zod';
import { RunStatusSchema, SandboxModeSchema, type RunResult } from './run';
import { TabSchema } from './workspace';

export const SnippetIdSchema = TabSchema.shape.id;

export const SnippetSchema = z.object({
  id: SnippetIdSchema,
  title: TabSchema.shape.title,
  source: TabSchema.shape.source,
  go: z.string().max(4096),
  mode: SandboxModeSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Snippet = z.infer<typeof SnippetSchema>;

export const SnippetMetaSchema = SnippetSchema.omit({ source: true }).extend({
  /** Size of the source in characters. */
  size: z.number().int(),
  /** With a search: the first line of the source that matched, when the title did not. */
  match: z.string().optional(),
});
export type SnippetMeta = z.infer<typeof SnippetMetaSchema>;

export const SnippetListSchema = z.object({
  /** Most recently changed first. */
  snippets: z.array(SnippetMetaSchema),
  /** Files in the library folder that could not be read; left on disk untouched. */
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
});
export type SnippetList = z.infer<typeof SnippetListSchema>;

/** How many runs each snippet keeps, newest first. */
export const SNIPPET_RUNS_LIMIT = 20;
/** How much of each output stream a history entry keeps, in characters. */
export const SNIPPET_RUN_OUTPUT_CHARS = 4096;

export const SnippetRunSchema = z.object({
  runId: z.string().max(64),
  /** When the run finished (Unix ms). */
  at: z.number(),
  /** The Go release that ran it; empty when none was resolved. */
  go: z.string().max(200),
  mode: SandboxModeSchema,
  status: RunStatusSchema,
  exitCode: z.number().int().nullable(),
  totalMs: z.number(),
  stdout: z.string().max(SNIPPET_RUN_OUTPUT_CHARS),
  stderr: z.string().max(SNIPPET_RUN_OUTPUT_CHARS),
  /** Output was longer than what is kept here (or was cut at the run's output limit). */
  truncated: z.boolean(),
  message: z.string().max(2000),
});
export type SnippetRun = z.infer<typeof SnippetRunSchema>;

/** A finished run, cut down to what the snippet's history keeps. */
export function snippetRunFrom(result: RunResult, at: number): SnippetRun {
  const cut = (text: string) => text.slice(0, SNIPPET_RUN_OUTPUT_CHARS);
  // Without program output, the compiler's words are what the user wants to see again.
  const stderr = result.stderr === '' && result.buildOutput !== '' ? result.buildOutput : result.stderr;
  return {
    runId: result.runId,
    at,
    go: result.go?.version ?? '',
    mode: result.mode,
    status: result.status,
    exitCode: result.exitCode,
    totalMs: result.totalMs,
    stdout: cut(result.stdout),
    stderr: cut(stderr),
    truncated: result.truncated || result.stdout.length > SNIPPET_RUN_OUTPUT_CHARS || stderr.length > SNIPPET_RUN_OUTPUT_CHARS,
    message: result.message.slice(0, 2000),
  };
}

/** go.dev/play keeps snippets up to this size (its share handler's limit). */
export const PLAY_MAX_BYTES = 64 * 1024;

const PLAY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The snippet id in a go.dev/play link: https://go.dev/play/p/ID, https://play.golang.org/p/ID,
 * either with .go, a query or a fragment; go.dev/_/share?id=ID; or the bare ID. Null when the text
 * is none of these.
 */
export function parsePlayLink(input: string): string | null {
  const text = input.trim();
  if (PLAY_ID.test(text)) return text;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  const fromQuery = url.pathname.replace(/\/+$/, '') === '/_/share' ? url.searchParams.get('id') : null;
  if (fromQuery !== null) return PLAY_ID.test(fromQuery) ? fromQuery : null;
  const m = /^(?:\/play)?\/p\/([^/]+?)(?:\.go)?\/?$/.exec(url.pathname);
  return m?.[1] !== undefined && PLAY_ID.test(m[1]) ? m[1] : null;
}
