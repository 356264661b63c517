// Errors of the archive module. Every message says what happened and what the user can do next;
// `code` lets callers react without parsing messages.

export type ArchiveErrorCode =
  /** Truncated, bad checksums, unreadable: download or copy it again. */
  | 'corrupt'
  /** An entry would escape the destination, is a link, a device, a duplicate, …: refused. */
  | 'unsafe'
  /** Unpacks to more bytes or entries than any Go release: a zip bomb or not a Go release. */
  | 'too-large'
  /** Neither a toolchain module zip nor a go.dev release archive. */
  | 'unknown-format'
  /** A well-formed archive that does not hold a Go release (no VERSION, no bin/go, …). */
  | 'not-a-go-release'
  /** The destination folder exists already. */
  | 'destination-exists'
  /** The content does not match the h1: checksum it should have. */
  | 'checksum-mismatch'
  /** The caller passed something unusable (a malformed version, module, …). */
  | 'invalid-input';

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Thrown when an AbortSignal stops an operation; `name` is 'AbortError' like Node's own. */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  readonly code = 'ABORT_ERR';
  constructor(message = 'The operation was cancelled.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
