// What a snippet may not do before anything is built: escape the work dir by file name, or point
// go.mod at the host's file system. The rules live in shared/ (the editor checks names with them
// too); here a broken rule is an error the run turns into the `rejected` status.
import { goModProblem, snippetProblem, type SnippetProblem } from '../../../shared/snippet-guards';
import { parseTxtar, type Snippet } from '../../../shared/txtar';

export class RejectedInputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'RejectedInputError';
  }
}

export function parseSnippet(source: string): Snippet {
  const snippet = parseTxtar(source);
  const problem = snippetProblem(snippet);
  if (problem) throw rejected(problem);
  return snippet;
}

/** Refuses `replace` directives whose target is a local path (./x, ../x, /x, C:\x). */
export function checkGoMod(content: string): void {
  const problem = goModProblem(content);
  if (problem) throw rejected(problem);
}

function rejected(p: SnippetProblem): RejectedInputError {
  return new RejectedInputError(p.message, p.file, p.line);
}
