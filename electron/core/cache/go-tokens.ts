// A Go tokenizer following the lexical rules of the Go spec (go.dev/ref/spec#Lexical_elements):
// identifiers, keywords, operators, number/rune/string literals, comments, and automatic
// semicolon insertion. It checks only what it must to find token boundaries (an unterminated
// string or comment is an error); everything else is the compiler's job.

export type GoTokenKind =
  | 'ident'
  | 'keyword'
  | 'operator'
  | 'int'
  | 'float'
  | 'imaginary'
  | 'rune'
  | 'string'
  | 'comment'
  /** `;` written in the source, or inserted at a newline or the end of the file (text '\n'). */
  | 'semicolon';

export interface GoToken {
  kind: GoTokenKind;
  /** The token as written ('\n' for an inserted semicolon). */
  text: string;
  /** 1-based line and column (in UTF-16 code units) of the token's first character. */
  line: number;
  column: number;
  /** Offset of the first character in the source, and one past the last. */
  offset: number;
  end: number;
}

export class GoTokenError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${message}`);
    this.name = 'GoTokenError';
  }
}

export const GO_KEYWORDS: ReadonlySet<string> = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func',
  'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct',
  'switch', 'type', 'var',
]);

// Longest first, so the scanner takes `<<=` before `<<` before `<`.
const OPERATORS = [
  '&^=', '<<=', '>>=', '...',
  '&&', '||', '<-', '++', '--', '==', '!=', '<=', '>=', ':=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<', '>>', '&^',
  '+', '-', '*', '/', '%', '&', '|', '^', '<', '>', '=', '!', '~', '(', ')', '[', ']', '{', '}', ',', ';', '.', ':',
];

const OPERATORS_BY_CHAR = new Map<string, string[]>();
for (const o of OPERATORS) OPERATORS_BY_CHAR.set(o[0]!, [...(OPERATORS_BY_CHAR.get(o[0]!) ?? []), o]);

/** Tokens after which a newline ends the statement (spec: Semicolons). */
const SEMI_AFTER_KEYWORD = new Set(['break', 'continue', 'fallthrough', 'return']);
const SEMI_AFTER_OPERATOR = new Set(['++', '--', ')', ']', '}']);

const LETTER = /[\p{L}_]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}_]/u;

export interface TokenizeOptions {
  /** Keep comments as tokens (default true). */
  comments?: boolean;
}

/** The tokens of a Go source file; throws GoTokenError where no token can be read. */
export function tokenizeGo(src: string, options: TokenizeOptions = {}): GoToken[] {
  const keepComments = options.comments !== false;
  const out: GoToken[] = [];
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark at the start is ignored
  let line = 1;
  let lineStart = 0;
  // Whether a newline here ends a statement: the last token was one of those the spec names.
  let semiPending = false;

  const fail = (message: string, at: number): never => {
    const before = src.slice(0, at);
    const l = before.split('\n').length;
    throw new GoTokenError(message, l, at - (before.lastIndexOf('\n') + 1) + 1);
  };
  const push = (kind: GoTokenKind, start: number, startLine: number, startCol: number, text = src.slice(start, i)) => {
    out.push({ kind, text, line: startLine, column: startCol, offset: start, end: i });
  };
  const insertSemicolon = (at: number) => {
    out.push({ kind: 'semicolon', text: '\n', line, column: at - lineStart + 1, offset: at, end: at });
    semiPending = false;
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      if (semiPending) insertSemicolon(i);
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    const startLine = line;
    const startCol = i - lineStart + 1;

    if (c === '/' && src[i + 1] === '/') {
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl;
      // The newline after a line comment still ends the statement: handled at the newline.
      if (keepComments) push('comment', start, startLine, startCol, src.slice(start, i).replace(/\r$/, ''));
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      if (close === -1) fail('comment not terminated', start);
      i = close + 2;
      const text = src.slice(start, i);
      const newlines = countNewlines(text);
      // A general comment containing newlines acts like a newline.
      if (newlines > 0 && semiPending) insertSemicolon(start);
      if (keepComments) push('comment', start, startLine, startCol, text);
      if (newlines > 0) {
        line += newlines;
        lineStart = start + text.lastIndexOf('\n') + 1;
      }
      continue;
    }

    const code = src.charCodeAt(i);
    if (isAsciiLetter(code) || (code > 0x7f && LETTER.test(codePointAt(src, i)))) {
      while (i < src.length) {
        const cc = src.charCodeAt(i);
        if (isAsciiLetter(cc) || (cc >= 48 && cc <= 57)) {
          i++;
          continue;
        }
        if (cc <= 0x7f) break;
        const ch = codePointAt(src, i);
        if (!LETTER_OR_DIGIT.test(ch)) break;
        i += ch.length;
      }
      const word = src.slice(start, i);
      if (GO_KEYWORDS.has(word)) {
        push('keyword', start, startLine, startCol);
        semiPending = SEMI_AFTER_KEYWORD.has(word);
      } else {
        push('ident', start, startLine, startCol);
        semiPending = true;
      }
      continue;
    }

    if (isDigit(c) || (c === '.' && isDigit(src[i + 1]))) {
      i = scanNumber(src, i);
      const text = src.slice(start, i);
      push(numberKind(text), start, startLine, startCol);
      semiPending = true;
      continue;
    }

    if (c === '"') {
      i++;
      for (;;) {
        const ch = src[i];
        if (ch === undefined || ch === '\n') fail('string literal not terminated', start);
        i++;
        if (ch === '\\' && src[i] !== '\n') i++; // the escaped character is never the closing quote
        else if (ch === '"') break;
      }
      push('string', start, startLine, startCol);
      semiPending = true;
      continue;
    }
    if (c === '`') {
      const close = src.indexOf('`', i + 1);
      if (close === -1) fail('raw string literal not terminated', start);
      i = close + 1;
      const text = src.slice(start, i);
      push('string', start, startLine, startCol, text);
      const newlines = countNewlines(text);
      if (newlines > 0) {
        line += newlines;
        lineStart = start + text.lastIndexOf('\n') + 1;
      }
      semiPending = true;
      continue;
    }
    if (c === "'") {
      i++;
      for (;;) {
        const ch = src[i];
        if (ch === undefined || ch === '\n') fail('rune literal not terminated', start);
        i++;
        if (ch === '\\' && src[i] !== '\n') i++;
        else if (ch === "'") break;
      }
      push('rune', start, startLine, startCol);
      semiPending = true;
      continue;
    }

    const op = OPERATORS_BY_CHAR.get(c)?.find((o) => src.startsWith(o, i));
    if (op) {
      i += op.length;
      push(op === ';' ? 'semicolon' : 'operator', start, startLine, startCol);
      semiPending = SEMI_AFTER_OPERATOR.has(op);
      continue;
    }
    fail(`invalid character ${JSON.stringify(codePointAt(src, i))}`, start);
  }
  if (semiPending) insertSemicolon(i);
  return out;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /[0-9a-fA-F]/.test(c);
}

function codePointAt(s: string, i: number): string {
  return String.fromCodePoint(s.codePointAt(i)!);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let k = s.indexOf('\n'); k !== -1; k = s.indexOf('\n', k + 1)) n++;
  return n;
}

/**
 * One number literal from `i` (spec: Integer, Floating-point and Imaginary literals). Like
 * go/scanner it takes every digit and underscore of the literal's form and leaves bad digits for
 * the compiler to report, so the literal's extent is right either way.
 */
function scanNumber(src: string, i: number): number {
  let hex = false;
  if (src[i] === '0' && /[xXbBoO]/.test(src[i + 1] ?? '')) {
    hex = src[i + 1] === 'x' || src[i + 1] === 'X';
    i += 2;
  }
  const digit = hex ? isHex : (c: string | undefined) => isDigit(c);
  while (digit(src[i]) || src[i] === '_') i++;
  if (src[i] === '.') {
    i++;
    while (digit(src[i]) || src[i] === '_') i++;
  }
  const e = src[i];
  if ((!hex && (e === 'e' || e === 'E')) || (hex && (e === 'p' || e === 'P'))) {
    let j = i + 1;
    if (src[j] === '+' || src[j] === '-') j++;
    if (isDigit(src[j])) {
      i = j;
      while (isDigit(src[i]) || src[i] === '_') i++;
    }
  }
  if (src[i] === 'i') i++;
  return i;
}

function numberKind(text: string): GoTokenKind {
  if (text.endsWith('i')) return 'imaginary';
  if (/^0[xX]/.test(text)) return /[.pP]/.test(text) ? 'float' : 'int';
  if (/^0[bBoO]/.test(text)) return 'int';
  return /[.eE]/.test(text) ? 'float' : 'int';
}

/**
 * Comments that can change what is built, kept in a file's normalized form: compiler and linker
 * directives (`//go:…`, `//export`), line directives (they change file:line in panics) and build
 * constraints. The cgo preamble is handled where `import "C"` is seen.
 */
export function isBuildComment(text: string): boolean {
  return /^\/\/(go:|line |export |export$)|^\/\*line |^\/\/ *\+build/.test(text);
}

/**
 * A Go file's form for the compile cache: its tokens with their line numbers (lines reach the
 * binary through panics and runtime.Caller, columns do not), without the comments that cannot
 * change the build. Null when the file does not tokenize (the compiler will say why).
 */
export function normalizeGoSource(src: string): string | null {
  let tokens: GoToken[];
  try {
    tokens = tokenizeGo(src);
  } catch (err) {
    if (err instanceof GoTokenError) return null;
    throw err;
  }
  const keep = new Uint8Array(tokens.length);
  let inImportGroup = false;
  let prev = -1; // the last token that is not a comment
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'comment') {
      if (isBuildComment(t.text)) keep[k] = 1;
      continue;
    }
    if (t.kind === 'string' && t.text === '"C"' && prev >= 0) {
      // The cgo preamble: the comments right before `import "C"` (or before "C" in a group).
      const p = tokens[prev]!;
      const anchor = p.text === 'import' ? prev : inImportGroup && (p.text === '(' || p.kind === 'semicolon') ? k : -1;
      if (anchor >= 0) {
        for (let q = anchor - 1; q >= 0 && tokens[q]!.kind === 'comment'; q--) keep[q] = 1;
        for (let q = anchor + 1; q < k; q++) keep[q] = 1;
      }
    }
    if (t.text === '(' && prev >= 0 && tokens[prev]!.text === 'import') inImportGroup = true;
    else if (t.text === ')') inImportGroup = false;
    keep[k] = 1;
    prev = k;
  }
  // Length-prefixed, so no token text can be mistaken for a separator.
  let out = '';
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (keep[k]) out += `${t.line}:${t.text.length}:${t.text}\n`;
  }
  return out;
}
