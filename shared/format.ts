// gofmt on demand: the snippet's Go files formatted by the tab's Go, every other byte kept.
import { z } from 'zod';
import { DiagnosticSchema } from './run';

export const FormatParamsSchema = z
  .object({
    /** One Go file, or several in the txtar form; only the .go files are formatted. */
    source: z.string().max(4 * 1024 * 1024, 'the snippet is larger than 4 MiB'),
    /** The tab's Go (id, version, GOROOT or '' for the default): its gofmt formats. */
    go: z.string().max(4096).optional(),
  })
  .strict();
export type FormatParams = z.infer<typeof FormatParamsSchema>;

export const FormatResultSchema = z.object({
  /** The formatted text; a file with a syntax error stays as it was (see diagnostics). */
  source: z.string(),
  changed: z.boolean(),
  /** gofmt's syntax errors, per file (severity error); empty when every file formatted. */
  diagnostics: z.array(DiagnosticSchema),
});
export type FormatResult = z.infer<typeof FormatResultSchema>;
