// A typed set of event listeners per contract event, shared by both transports.
import type { EventName, EventPayload } from '../../shared/contract';

type AnyListener = (payload: never) => void;

export class EventListeners {
  private readonly byName = new Map<EventName, Set<AnyListener>>();

  add<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    set.add(listener as AnyListener);
    return () => {
      set.delete(listener as AnyListener);
    };
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const set = this.byName.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (p: EventPayload<E>) => void)(payload);
      } catch (err) {
        // One broken listener must not starve the others of events.
        console.error(`listener for ${name} failed`, err);
      }
    }
  }
}
