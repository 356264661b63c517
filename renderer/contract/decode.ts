// The renderer checks what crosses the transport against the same schemas the main process uses,
// so a mismatch shows up as one clear error instead of a broken view later.
import {
  ContractError,
  events,
  requests,
  type EventName,
  type EventPayload,
  type RequestName,
  type RequestResult,
} from '../../shared/contract';

export function decodeResult<K extends RequestName>(name: K, value: unknown): RequestResult<K> {
  const parsed = requests[name].result.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'result'}: ${issue.message}` : 'unknown shape';
    throw new ContractError('internal', `${name} answered with an unexpected shape (${where}); the app and its window are out of date with each other — restart Gopherlab`);
  }
  return parsed.data as RequestResult<K>;
}

/** Null when the payload does not match: a bad event is dropped, not delivered half-formed. */
export function decodeEvent<E extends EventName>(name: E, payload: unknown): EventPayload<E> | null {
  const parsed = events[name].safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<E>) : null;
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
