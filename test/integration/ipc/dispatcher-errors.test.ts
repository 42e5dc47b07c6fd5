import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { createDispatcher, type Handlers } from '../../../main/ipc/dispatch';
import { DomainError, ERROR_MESSAGES } from '../../../main/domain/errors';

const ORIGIN = 'app://resetdesk/index.html';

/**
 * The dispatcher on its own, with hand-written handlers for the two methods it
 * is asked for: what reaches a handler, what the window is answered, and what
 * goes to the diagnostics log (main/electron/main.ts logs onInternalError).
 */
describe('IPC dispatcher: what reaches the handler, the window and the log', () => {
  let handled: unknown[];
  let logged: { method: string; error: unknown }[];
  let signInAnswer: () => Promise<unknown>;
  let dispatch: ReturnType<typeof createDispatcher>;

  beforeEach(() => {
    handled = [];
    logged = [];
    signInAnswer = async () => ({ status: 'signedIn' });
    const handlers = {
      signIn: async (request: unknown) => {
        handled.push(request);
        return signInAnswer();
      },
      getSession: async (request: unknown) => {
        handled.push(request);
        return { status: 'signedOut' };
      },
    } as unknown as Handlers;
    dispatch = createDispatcher({
      handlers,
      isTrustedSender: (url) => url === ORIGIN,
      onInternalError: (method, error) => logged.push({ method, error }),
    });
  });

  const goodSignIn = { upn: 'helpdesk.admin@contoso.com', password: 'Sekret-Value-1' };

  it('passes a valid request from the app to its handler and answers its value', async () => {
    assert.deepEqual(await dispatch('signIn', ORIGIN, goodSignIn), { ok: true, value: { status: 'signedIn' } });
    assert.deepEqual(handled, [goodSignIn]);
    assert.deepEqual(logged, []);
  });

  it('runs no handler for another origin, an unknown method or a malformed request, and logs none of them', async () => {
    assert.deepEqual(await dispatch('signIn', 'https://evil.example/', goodSignIn), {
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: ERROR_MESSAGES.FORBIDDEN_SENDER },
    });
    assert.deepEqual(await dispatch('signIn', undefined, goodSignIn), {
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: ERROR_MESSAGES.FORBIDDEN_SENDER },
    });
    assert.deepEqual(await dispatch('dropTables', ORIGIN, {}), {
      ok: false,
      error: { code: 'INVALID_INPUT', message: `${ERROR_MESSAGES.INVALID_INPUT} Unknown request.` },
    });
    const malformed = await dispatch('getSession', ORIGIN, { extra: true });
    assert.equal(malformed.ok ? null : malformed.error.code, 'INVALID_INPUT');
    assert.deepEqual(handled, [], 'no handler ran');
    assert.deepEqual(logged, [], 'refusals are not internal errors');
  });

  it('names every wrong field once, never a value; a request that is not an object is "request"', async () => {
    const both = await dispatch('signIn', ORIGIN, { upn: 'not an upn', password: '' });
    assert.deepEqual(both, {
      ok: false,
      error: { code: 'INVALID_INPUT', message: `${ERROR_MESSAGES.INVALID_INPUT} Check: upn, password.` },
    });
    const notAnObject = await dispatch('signIn', ORIGIN, 'Sekret-Value-1');
    assert.deepEqual(notAnObject, {
      ok: false,
      error: { code: 'INVALID_INPUT', message: `${ERROR_MESSAGES.INVALID_INPUT} Check: request.` },
    });
  });

  it('answers a refusal from the handler with its own code and message, and does not log it', async () => {
    signInAnswer = async () => {
      throw new DomainError('AUTH_FAILED');
    };
    assert.deepEqual(await dispatch('signIn', ORIGIN, goodSignIn), {
      ok: false,
      error: { code: 'AUTH_FAILED', message: ERROR_MESSAGES.AUTH_FAILED },
    });
    assert.deepEqual(logged, []);
  });

  it('answers an unexpected failure with INTERNAL and its fixed message, and hands the error to the log once', async () => {
    const failure = new Error('disk on fire at /secret/path');
    signInAnswer = async () => {
      throw failure;
    };
    assert.deepEqual(await dispatch('signIn', ORIGIN, goodSignIn), {
      ok: false,
      error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL },
    });
    assert.deepEqual(logged, [{ method: 'signIn', error: failure }]);
  });
});
