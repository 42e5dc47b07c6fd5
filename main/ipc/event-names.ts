/**
 * The names of the one-way events main pushes to the window, without their
 * schemas (contract.ts holds those, beside the methods): what the preload and
 * the Chromium target's bridge need to refuse an unknown name, so the sandboxed
 * preload does not bundle zod. contract.ts checks at compile time that its
 * event table has exactly these keys.
 */
export const EVENT_NAMES = ['session.ended', 'clipboard.changed', 'outbox.received'] as const;

export type EventNameOf = (typeof EVENT_NAMES)[number];

/** The Electron channel an event travels on: apart from the methods' `resetdesk:` channels, so no event can be invoked. */
export const eventChannelOf = (event: EventNameOf): string => `resetdesk-event:${event}`;

export function isEventName(value: unknown): value is EventNameOf {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
