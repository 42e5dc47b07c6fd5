/**
 * KeytarSecretStore's failure paths that need no keyring: keytar missing, and
 * bad arguments. The real round trip is test/integration/secrets/keytar.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KeytarSecretStore,
  SECRET_SERVICE_NAME,
  SecretStoreUnavailableError,
  openSecretStore,
} from '../../../main/secrets/secret-store';

function moduleNotFound(): Error {
  return Object.assign(new Error("Cannot find package 'keytar'"), { code: 'ERR_MODULE_NOT_FOUND' });
}

test('a missing keytar makes every operation throw SecretStoreUnavailableError, and is retried', async () => {
  let loads = 0;
  const store = new KeytarSecretStore({
    loadKeytar: () => {
      loads += 1;
      return Promise.reject(moduleNotFound());
    },
  });
  for (const attempt of [() => store.get('a'), () => store.set('a', 's'), () => store.delete('a')]) {
    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof SecretStoreUnavailableError);
      assert.equal(error.name, 'SecretStoreUnavailableError');
      assert.match(error.message, /keytar \(an optional dependency\) is not installed/);
      return true;
    });
  }
  assert.equal(loads, 3, 'a failed load is not cached');
});

test('keytar is loaded lazily: constructing the store loads nothing', () => {
  let loads = 0;
  new KeytarSecretStore({
    loadKeytar: () => {
      loads += 1;
      return Promise.reject(moduleNotFound());
    },
  });
  assert.equal(loads, 0);
});

test('an error from the Secret Service becomes SecretStoreUnavailableError with the cause kept', async () => {
  const cause = new Error('The name org.freedesktop.secrets was not provided by any .service files');
  const store = new KeytarSecretStore({
    loadKeytar: async () => ({
      getPassword: () => Promise.reject(cause),
      setPassword: () => Promise.reject(cause),
      deletePassword: () => Promise.reject(cause),
    }),
  });
  await assert.rejects(store.get('a'), (error: unknown) => {
    assert.ok(error instanceof SecretStoreUnavailableError);
    assert.equal(error.cause, cause);
    assert.match(error.message, /org\.freedesktop\.secrets/);
    return true;
  });
});

test('empty accounts and secrets are refused before keytar is touched', async () => {
  let loads = 0;
  const store = new KeytarSecretStore({
    loadKeytar: () => {
      loads += 1;
      return Promise.reject(moduleNotFound());
    },
  });
  await assert.rejects(store.get(''), TypeError);
  await assert.rejects(store.set('a', ''), TypeError);
  await assert.rejects(store.delete(''), TypeError);
  assert.equal(loads, 0);
});

test('openSecretStore files secrets under the "Resetdesk" service', () => {
  const store = openSecretStore();
  assert.ok(store instanceof KeytarSecretStore);
  assert.equal(store.service, 'Resetdesk');
  assert.equal(SECRET_SERVICE_NAME, 'Resetdesk');
});
