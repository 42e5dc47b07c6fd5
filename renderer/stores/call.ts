/**
 * The one door from a store action to main. It unwraps main's IpcResult into
 * the value, or throws a UiError carrying main's code and agent-facing message,
 * and it tells the session store when main says the session is gone. Main's
 * one-way events come in through here too (onMainEvent).
 *
 * The session store registers itself here (connectSession) instead of being
 * imported, so this module stays free of store dependencies.
 */
import type { EventName, EventPayloadOf, Method, RequestOf, ResponseOf } from '../../main/ipc/contract';
import { ERROR_MESSAGES, isErrorCode } from '../../main/domain/errors';
import type { ErrorCode } from '../../main/domain/errors';
import type { ResetdeskMethods } from '../../main/ipc/api';
import { api } from '../api';

/** A failed call as the UI shows it: main's code and the text the agent reads. */
export class UiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'UiError';
    this.code = code;
  }
}

/** What stores keep in state: plain data, no Error object. */
export interface UiErrorView {
  code: ErrorCode;
  message: string;
}

/** Anything caught in a store action, as something safe to show (never a stack). */
export function toUiError(error: unknown): UiErrorView {
  if (error instanceof UiError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
}

/**
 * Codes meaning main no longer has a session: every screen falls back to sign-in,
 * which shows main's message (for AGENT_ACCOUNT_UNUSABLE, why the agent's own
 * account can no longer act: main ended the session when it found out).
 */
const SESSION_GONE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NOT_SIGNED_IN',
  'SESSION_LOCKED',
  'AGENT_ACCOUNT_UNUSABLE',
]);

export interface SessionListener {
  /** Main said the session is gone (one of SESSION_GONE). */
  lost(error: UiErrorView): void;
}

let listener: SessionListener | null = null;

export function connectSession(next: SessionListener): void {
  listener = next;
}

export async function call<M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  let result;
  try {
    const methods: ResetdeskMethods = api();
    result = await methods[method](request);
  } catch {
    // The bridge itself failed: its text may carry internals, so show the generic message.
    throw new UiError('INTERNAL', ERROR_MESSAGES.INTERNAL);
  }
  if (result.ok) return result.value;
  const code: ErrorCode = isErrorCode(result.error.code) ? result.error.code : 'INTERNAL';
  const message = code === 'INTERNAL' ? ERROR_MESSAGES.INTERNAL : result.error.message;
  if (SESSION_GONE.has(code)) listener?.lost({ code, message });
  throw new UiError(code, message);
}

/**
 * Runs `handler` with each payload of one of main's events (main/ipc/events.ts)
 * until the function returned is called. Main pushes what changes there on its
 * own (the idle lock, the clipboard's clear, the outbox), so no store keeps a
 * timer of main's.
 */
export function onMainEvent<E extends EventName>(event: E, handler: (payload: EventPayloadOf<E>) => void): () => void {
  return api().on(event, handler);
}
