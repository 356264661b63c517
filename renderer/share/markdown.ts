// A snippet as Markdown for an issue or a chat: one fenced block, or for a multi-file snippet a
// heading per file with its own block.
import { parseTxtar } from '../../shared/txtar';
import { hasFileMarkers } from './txtar-file';

const LANGUAGES: Record<string, string> = { go: 'go', json: 'json', md: 'markdown', yaml: 'yaml', yml: 'yaml', sh: 'sh', html: 'html', txt: 'text' };

export function snippetMarkdown(source: string): string {
  if (!hasFileMarkers(source)) return fenced(source, 'go');
  return parseTxtar(source)
    .files.map((f) => `### ${f.name}\n\n${fenced(f.content, language(f.name))}`)
    .join('\n');
}

function language(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (ext && LANGUAGES[ext]) ?? '';
}

/** A fence longer than any run of backticks inside, so the code cannot close it early. */
function fenced(content: string, lang: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = content === '' || content.endsWith('\n') ? content : `${content}\n`;
  return `${fence}${lang}\n${body}${fence}\n`;
}
