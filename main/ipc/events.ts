/**
 * Main's one-way events, transport-neutral: what changes in main (the idle
 * lock, the clipboard's clear, a message in the sample's outbox) is emitted
 * here once, checked against the contract's schema, and every transport
 * subscribes: the Electron glue (webContents.send to the app window), the
 * Chromium target's bridge (into the page), the team server's event stream.
 * No transport is known here.
 */
import { eventContract, type EventName, type EventPayloadOf } from './contract';

/** One event as it travels: its name and its payload (plain JSON, as the schema left it). */
export type AppEvent = { [E in EventName]: { name: E; payload: EventPayloadOf<E> } }[EventName];

export type AppEventListener = (event: AppEvent) => void;

/** What a transport needs: a subscription, ended by the function it returns. */
export interface AppEvents {
  subscribe(listener: AppEventListener): () => void;
}

export class EventHub implements AppEvents {
  readonly #listeners = new Set<AppEventListener>();
  readonly #onError: (what: string, error: unknown) => void;

  /** `onError`: a payload its schema refuses (a bug in main) or a listener that threw; neither stops the emitter's caller. */
  constructor(options: { onError?: (what: string, error: unknown) => void } = {}) {
    this.#onError = options.onError ?? (() => {});
  }

  subscribe(listener: AppEventListener): () => void {
    // Its own entry each time: one function subscribed twice is two subscriptions, ended one by one.
    const entry: AppEventListener = (event) => listener(event);
    this.#listeners.add(entry);
    return () => void this.#listeners.delete(entry);
  }

  /**
   * Sends `payload` to every subscriber, once its schema passed; a payload it
   * refuses goes nowhere. Never throws: the emitter's caller is ending a
   * session or clearing the clipboard, which must finish whatever a window does.
   */
  emit<E extends EventName>(name: E, payload: EventPayloadOf<E>): void {
    const checked = eventContract[name].safeParse(payload);
    if (!checked.success) {
      this.#onError(`event ${name}`, checked.error);
      return;
    }
    const event = { name, payload: checked.data } as AppEvent;
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#onError(`a listener of ${name}`, error);
      }
    }
  }
}
