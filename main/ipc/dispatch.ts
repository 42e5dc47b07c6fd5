import type { z } from 'zod';
import { DomainError, toErrorPayload } from '../domain/errors';
import { contract, isMethod, type IpcResult, type Method, type ResponseOf, type ValidRequestOf } from './contract';
import { fieldPath } from './field-path';

export type Handler<M extends Method> = (request: ValidRequestOf<M>) => Promise<ResponseOf<M>>;
export type Handlers = { [M in Method]: Handler<M> };

export interface DispatcherOptions {
  handlers: Handlers;
  /** True for the app's own origin only (app://resetdesk in Electron). */
  isTrustedSender(url: string | undefined): boolean;
  /** Called with unexpected errors (not DomainErrors) for diagnosis; must not log request data. */
  onInternalError?(method: Method, error: unknown): void;
}

/**
 * Lists which fields were wrong, never their values (a value may be a
 * password), nor a key the caller chose (a role group's DN): the path stops
 * at the field that holds it.
 */
function describeIssues(schema: z.ZodType, error: z.ZodError): string {
  const fields = [...new Set(error.issues.map((i) => fieldPath(schema, i.path).join('.') || 'request'))];
  return `Check: ${fields.join(', ')}.`;
}

/**
 * The one path every IPC call takes: (1) the sender must be the app's own
 * origin, (2) the request must pass the contract's schema, (3) the plain handler
 * runs, (4) the answer is a typed result or a typed error with a user-facing
 * message, never a stack trace or a secret. Runs under plain Node, so it is
 * unit-tested without Electron; main/electron/ipc.ts only forwards to it.
 */
export function createDispatcher(options: DispatcherOptions) {
  return async function dispatch(method: string, senderUrl: string | undefined, raw: unknown): Promise<IpcResult<unknown>> {
    try {
      if (!options.isTrustedSender(senderUrl)) throw new DomainError('FORBIDDEN_SENDER');
      if (!isMethod(method)) throw new DomainError('INVALID_INPUT', 'Unknown request.');
      const schema = contract[method].request;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw new DomainError('INVALID_INPUT', describeIssues(schema, parsed.error));
      const handler = options.handlers[method] as (request: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (!(error instanceof DomainError) && isMethod(method)) options.onInternalError?.(method, error);
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
