/**
 * The one door from a store action to main. It unwraps main's IpcResult into
 * the value, or throws a UiError carrying main's code and agent-facing message,
 * and it keeps the session store informed: which answers count as activity for
 * main's idle lock, and when main says the session is gone.
 *
 * The session store registers itself here (connectSession) instead of being
 * imported, so this module stays free of store dependencies.
 */
import type { Method, RequestOf, ResponseOf } from '../../main/ipc/contract';
import { ERROR_MESSAGES, isErrorCode } from '../../main/domain/errors';
import type { ErrorCode } from '../../main/domain/errors';
import { ACTIVITY_METHODS } from '../../main/ipc/methods';
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

/** Codes refused before the handler ran (so main saw no activity). */
const REFUSED_BEFORE_HANDLER: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['INVALID_INPUT', 'FORBIDDEN_SENDER']);

export interface SessionListener {
  /** A request main counted as activity was answered just now. */
  activity(): void;
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
    result = await api()[method](request);
  } catch {
    // The bridge itself failed: its text may carry internals, so show the generic message.
    throw new UiError('INTERNAL', ERROR_MESSAGES.INTERNAL);
  }
  if (result.ok) {
    if (ACTIVITY_METHODS.has(method)) listener?.activity();
    return result.value;
  }
  const code: ErrorCode = isErrorCode(result.error.code) ? result.error.code : 'INTERNAL';
  const message = code === 'INTERNAL' ? ERROR_MESSAGES.INTERNAL : result.error.message;
  if (SESSION_GONE.has(code)) {
    listener?.lost({ code, message });
  } else if (ACTIVITY_METHODS.has(method) && !REFUSED_BEFORE_HANDLER.has(code)) {
    // A domain refusal (e.g. INSUFFICIENT_ROLE) comes after requireActor: main counted it.
    listener?.activity();
  }
  throw new UiError(code, message);
}
