// Before a run: what the snippet uses that the chosen sandbox cannot give it, read from its imports
// (and the few calls whose package alone says too little, like os.WriteFile). What each sandbox
// lacks was checked by running such programs: the WASM host has no files, no processes and only
// Go's in-program fake network; the Docker container has networking off and holds only the binary.
import type { SandboxMode } from './run';
import { parseTxtar } from './txtar';

export interface PrecheckWarning {
  /** The rule, stable across edits: the UI hides a dismissed warning by it. */
  id: string;
  /** Where the snippet first does it: a file of the snippet, 1-based line and column in that file. */
  file: string;
  line: number;
  column: number;
  /** What will fail, and what to do. */
  message: string;
  /** A sandbox mode that can do it, when switching would help. */
  suggest?: SandboxMode;
}

const NETWORK = new Set(['net', 'net/http', 'net/rpc', 'net/rpc/jsonrpc', 'net/smtp']);
const OS_FILE_CALLS = new Set([
  'Create', 'CreateTemp', 'Open', 'OpenFile', 'ReadFile', 'WriteFile', 'ReadDir', 'Mkdir', 'MkdirAll', 'MkdirTemp',
  'Remove', 'RemoveAll', 'Rename', 'Chdir', 'Chmod', 'Chown', 'Truncate', 'Symlink', 'Link', 'Readlink', 'DirFS', 'Stat', 'Lstat', 'CopyFS',
]);
const IOUTIL_FILE_CALLS = new Set(['ReadFile', 'WriteFile', 'ReadDir', 'TempDir', 'TempFile']);

interface Use {
  file: string;
  line: number;
  column: number;
}

interface Rule {
  id: string;
  modes: ReadonlyArray<SandboxMode>;
  message: string;
  suggest?: SandboxMode;
  /** The first place a file does it, or null. */
  find(f: GoFileFacts): Omit<Use, 'file'> | null;
}

const RULES: Rule[] = [
  {
    id: 'wasm-network',
    modes: ['wasm'],
    message:
      "The WASM sandbox has no network: Go's wasip1 port keeps connections inside the program (a server and a client in one program work, as with httptest), so reaching any other address fails. Docker mode uses real sockets, on localhost only (its network is off too).",
    suggest: 'docker',
    find: (f) => f.imports.find((i) => NETWORK.has(i.path)) ?? null,
  },
  {
    id: 'docker-network',
    modes: ['docker'],
    message: 'The Docker sandbox runs with networking off: connecting to another host fails; a server and a client on localhost inside the program work.',
    find: (f) => f.imports.find((i) => NETWORK.has(i.path)) ?? null,
  },
  {
    id: 'wasm-exec',
    modes: ['wasm'],
    message:
      'The WASM sandbox cannot start processes: exec.Command fails there. Docker mode can start them, but its container holds only your program (no shell, no other commands).',
    suggest: 'docker',
    find: (f) => f.imports.find((i) => i.path === 'os/exec') ?? null,
  },
  {
    id: 'docker-exec',
    modes: ['docker'],
    message: "The Docker sandbox's container holds only your program: exec.Command finds no shell and no other commands to start.",
    find: (f) => f.imports.find((i) => i.path === 'os/exec') ?? null,
  },
  {
    id: 'wasm-files',
    modes: ['wasm'],
    message: 'The WASM sandbox has no file system: opening, writing or listing files fails ("Not implemented on wasip1"). Docker mode has a writable /tmp.',
    suggest: 'docker',
    find: (f) => f.calls('os', OS_FILE_CALLS) ?? f.calls('io/ioutil', IOUTIL_FILE_CALLS),
  },
  {
    id: 'time-zones',
    modes: ['wasm', 'docker'],
    message:
      'Neither sandbox has a time zone database, so time.LoadLocation fails for every zone but UTC; add import _ "time/tzdata" to build the database into the program.',
    find: (f) => (f.imports.some((i) => i.path === 'time/tzdata') ? null : f.calls('time', new Set(['LoadLocation']))),
  },
  {
    id: 'plugin',
    modes: ['wasm', 'docker'],
    message: 'plugin.Open needs cgo, which is off in both sandboxes: it fails in every mode.',
    find: (f) => f.imports.find((i) => i.path === 'plugin') ?? null,
  },
  {
    id: 'cgo',
    modes: ['wasm', 'docker'],
    message: 'cgo is off in both sandboxes (CGO_ENABLED=0): a file that imports "C" is left out of the build.',
    find: (f) => f.imports.find((i) => i.path === 'C') ?? null,
  },
];

/** What the snippet uses that `mode` cannot do: one warning per rule, at its first use. */
export function precheckSnippet(source: string, mode: SandboxMode): PrecheckWarning[] {
  const files = parseTxtar(source)
    .files.filter((f) => f.name.endsWith('.go'))
    .map((f) => ({ name: f.name, facts: goFileFacts(f.content) }));
  const out: PrecheckWarning[] = [];
  for (const rule of RULES) {
    if (!rule.modes.includes(mode)) continue;
    for (const f of files) {
      const at = rule.find(f.facts);
      if (!at) continue;
      out.push({ id: rule.id, file: f.name, line: at.line, column: at.column, message: rule.message, ...(rule.suggest ? { suggest: rule.suggest } : {}) });
      break;
    }
  }
  return out;
}

export interface GoImport {
  path: string;
  /** The name the file uses for it: its alias, or the last element of the path; '.' and '_' as written. */
  name: string;
  line: number;
  column: number;
}

export interface GoFileFacts {
  imports: GoImport[];
  /** The first call-like use `pkg.Name` of an imported package (by path) with a name in `names`. */
  calls(path: string, names: ReadonlySet<string>): { line: number; column: number } | null;
}

/** A file's imports and its `pkg.Name` selectors, read from its tokens (comments and strings skipped). */
export function goFileFacts(content: string): GoFileFacts {
  const tokens = tokenize(content);
  const imports: GoImport[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'ident' || tokens[i]!.text !== 'import') continue;
    const readSpec = (j: number): number => {
      let name: string | null = null;
      let t = tokens[j];
      if (t && (t.kind === 'ident' || t.text === '.')) {
        name = t.text;
        t = tokens[++j];
      }
      if (t?.kind === 'string') {
        const path = unquote(t.text);
        imports.push({ path, name: name ?? path.slice(path.lastIndexOf('/') + 1), line: t.line, column: t.column });
        return j + 1;
      }
      return j + 1;
    };
    if (tokens[i + 1]?.text === '(') {
      let j = i + 2;
      while (j < tokens.length && tokens[j]!.text !== ')') j = tokens[j]!.text === ';' ? j + 1 : readSpec(j);
      i = j;
    } else {
      i = readSpec(i + 1) - 1;
    }
  }
  return {
    imports,
    calls(path, names) {
      const local = new Set(imports.filter((i) => i.path === path && i.name !== '_' && i.name !== '.').map((i) => i.name));
      if (local.size === 0) return null;
      for (let i = 0; i + 2 < tokens.length; i++) {
        const [a, dot, b] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
        if (a.kind === 'ident' && local.has(a.text) && dot.text === '.' && b.kind === 'ident' && names.has(b.text)) return { line: a.line, column: a.column };
      }
      return null;
    },
  };
}

interface Token {
  kind: 'ident' | 'string' | 'other';
  text: string;
  line: number;
  column: number;
}

/** Just enough of Go's lexical grammar to tell code from comments, strings and runes. */
function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const advanceTo = (end: number) => {
    for (let k = i; k < end; k++) {
      if (src[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    i = end;
  };
  while (i < src.length) {
    const c = src[i]!;
    const column = i - lineStart + 1;
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      advanceTo(end < 0 ? src.length : end);
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      advanceTo(end < 0 ? src.length : end + 2);
    } else if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < src.length && src[k] !== c && src[k] !== '\n') k += src[k] === '\\' ? 2 : 1;
      const startLine = line;
      const text = src.slice(i, Math.min(k + 1, src.length));
      advanceTo(Math.min(k + 1, src.length));
      if (c === '"') out.push({ kind: 'string', text, line: startLine, column });
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      const startLine = line;
      const text = src.slice(i, end < 0 ? src.length : end + 1);
      advanceTo(end < 0 ? src.length : end + 1);
      out.push({ kind: 'string', text, line: startLine, column });
    } else if (/[\p{L}_]/u.test(c)) {
      const m = /^[\p{L}\p{N}_]+/u.exec(src.slice(i, i + 256))!;
      out.push({ kind: 'ident', text: m[0], line, column });
      advanceTo(i + m[0].length);
    } else if (/\s/.test(c)) {
      advanceTo(i + 1);
    } else if (/[0-9]/.test(c)) {
      // Numbers hold no identifiers worth reading (1e9, 0x1F): skip their letters with them.
      const m = /^[0-9][0-9A-Za-z_.]*/.exec(src.slice(i, i + 256))!;
      advanceTo(i + m[0].length);
    } else {
      out.push({ kind: 'other', text: c, line, column });
      advanceTo(i + 1);
    }
  }
  return out;
}

function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}
