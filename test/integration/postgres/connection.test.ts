/**
 * Reaching the team database (main/postgres/connection.ts): TLS with the
 * server's certificate checked (verify-full), the password never in the URL,
 * and each failure to reach it a clear code, not the server's own words.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DomainError } from '../../../main/domain/errors';
import { Secret } from '../../../main/domain/secret';
import { openPool, parseStoreUrl, reaching } from '../../../main/postgres/connection';
import { optionsFor, postgresOrSkip } from '../../support/postgres';

const refusedWith = (code: string) => (error: unknown) => error instanceof DomainError && error.code === code;

test('a store URL names user, host, port and database; a password in it is refused', () => {
  assert.deepEqual(parseStoreUrl('postgres://resetdesk_app@db.corp.example:6432/resetdesk'), {
    host: 'db.corp.example',
    port: 6432,
    database: 'resetdesk',
    user: 'resetdesk_app',
  });
  assert.equal(parseStoreUrl('postgresql://u@[::1]/d').host, '::1');
  assert.equal(parseStoreUrl('postgres://u@h/d').port, 5432);
  assert.throws(() => parseStoreUrl('postgres://u:secret@h/d'), (e: unknown) => refusedWith('INVALID_INPUT')(e) && !(e as Error).message.includes('secret'));
  for (const bad of ['postgres://h/d', 'postgres://u@h/', 'mysql://u@h/d', 'not a url']) {
    assert.throws(() => parseStoreUrl(bad), refusedWith('INVALID_INPUT'), bad);
  }
});

test('the right CA and password: a TLS session', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const pool = openPool(optionsFor(info, 'superuser', 'postgres'));
  try {
    const { rows } = await pool.query('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    assert.equal(rows[0].ssl, true);
    assert.match(rows[0].version, /^TLSv1\.[23]$/);
  } finally {
    await pool.end();
  }
});

test('a CA that did not sign the server: refused, STORE_TLS_FAILED', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const pool = openPool({ ...optionsFor(info, 'superuser', 'postgres'), caPem: readFileSync(info.otherCa, 'utf8') });
  try {
    await assert.rejects(reaching(() => pool.query('SELECT 1')), refusedWith('STORE_TLS_FAILED'));
  } finally {
    await pool.end();
  }
});

test('a name the certificate does not hold: refused, STORE_TLS_FAILED (verify-full, not only verify-ca)', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  // 127.0.0.2 reaches the same loopback server (Linux routes 127/8 to lo), but the certificate names 127.0.0.1 and localhost only.
  const options = optionsFor(info, 'superuser', 'postgres');
  const pool = openPool({ ...options, target: { ...options.target, host: '127.0.0.2' } });
  try {
    await assert.rejects(reaching(() => pool.query('SELECT 1')), (e: unknown) => refusedWith('STORE_TLS_FAILED')(e) || refusedWith('STORE_UNAVAILABLE')(e));
  } finally {
    await pool.end();
  }
});

test('a wrong password: STORE_AUTH_FAILED; nothing listening: STORE_UNAVAILABLE', async (t) => {
  const info = postgresOrSkip(t);
  if (!info) return;
  const wrong = openPool({ ...optionsFor(info, 'app', 'postgres'), password: new Secret('not-the-password') });
  try {
    await assert.rejects(reaching(() => wrong.query('SELECT 1')), refusedWith('STORE_AUTH_FAILED'));
  } finally {
    await wrong.end();
  }
  const options = optionsFor(info, 'app', 'postgres');
  const nobody = openPool({ ...options, target: { ...options.target, port: 1 } });
  try {
    await assert.rejects(reaching(() => nobody.query('SELECT 1')), refusedWith('STORE_UNAVAILABLE'));
  } finally {
    await nobody.end();
  }
});
