/**
 * The store ports (main/domain/stores) on the team's PostgreSQL: the same
 * contract as the local file (test/conformance/store-conformance.ts runs on
 * both), every write one transaction, every event chained (pg-audit.ts).
 */
import type pg from 'pg';
import type { Clock } from '../domain/clock';
import type { DeliverySettings } from '../domain/delivery-settings';
import { DomainError } from '../domain/errors';
import type { Stores, StoredProfile, TenantUpdate } from '../domain/stores';
import type { CallerVerificationRule, DomainType, TenantSettings } from '../domain/types';
import { appendChained, pgAudit } from './pg-audit';
import { inTransaction, reachingSql, rows, type Sql } from './pg-unit';
import { pgVerifications } from './pg-verifications';
import { temporaryPasswordOf, type TemporaryPasswordRow } from '../domain/stores/rows';

interface TenantRow {
  tenant_id: string;
  name: string;
  password_writeback: boolean;
  temp_password_lifetime_days: number | null;
  password_min_length: number;
  password_max_length: number;
  password_required_categories: number;
  lockout_threshold: number;
  lockout_duration_seconds: number;
  caller_verification: CallerVerificationRule;
  password_history_count: number;
  delivery: DeliverySettings;
}

async function readTenant(pool: pg.Pool): Promise<TenantSettings> {
  const [row] = await rows<TenantRow>(pool, 'SELECT * FROM tenant WHERE singleton = 1');
  if (!row) throw new Error("tenant row missing: the team's database was never initialised");
  const domains = await rows<{ name: string; type: DomainType; is_default: boolean }>(pool, 'SELECT * FROM domains ORDER BY is_default DESC, lower(name)');
  const terms = await rows<{ term: string }>(pool, 'SELECT term FROM banned_terms ORDER BY lower(term)');
  return {
    tenantId: row.tenant_id,
    name: row.name,
    domains: domains.map((d) => ({ name: d.name, type: d.type, isDefault: d.is_default })),
    passwordWriteback: row.password_writeback,
    temporaryPasswordLifetimeDays: row.temp_password_lifetime_days,
    passwordPolicy: { minLength: row.password_min_length, maxLength: row.password_max_length, requiredCategories: row.password_required_categories },
    lockoutPolicy: { threshold: row.lockout_threshold, durationSeconds: row.lockout_duration_seconds },
    callerVerification: row.caller_verification,
    passwordHistoryCount: row.password_history_count,
    bannedPasswords: terms.map((t) => t.term),
    delivery: row.delivery,
  };
}

async function replaceTerms(sql: Sql, terms: readonly string[], now: number): Promise<void> {
  await sql.query('DELETE FROM banned_terms');
  for (const term of terms) await sql.query('INSERT INTO banned_terms (term, added_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [term, now]);
}

async function applyUpdate(sql: Sql, update: TenantUpdate, now: number): Promise<void> {
  const set = async (column: string, value: unknown) =>
    void (await sql.query(`UPDATE tenant SET ${column} = $1, updated_at = $2 WHERE singleton = 1`, [value, now]));
  if (update.passwordWriteback !== undefined) await set('password_writeback', update.passwordWriteback);
  if (update.temporaryPasswordLifetimeDays !== undefined) await set('temp_password_lifetime_days', update.temporaryPasswordLifetimeDays);
  if (update.callerVerification !== undefined) await set('caller_verification', update.callerVerification);
  if (update.passwordHistoryCount !== undefined) await set('password_history_count', update.passwordHistoryCount);
  if (update.delivery !== undefined) await set('delivery', JSON.stringify(update.delivery));
  if (update.bannedPasswords !== undefined) await replaceTerms(sql, update.bannedPasswords, now);
}

/** Makes the tenant's one row (`resetdesk init --store`, the tests); the database must hold none yet. */
export async function createTenant(pool: pg.Pool, settings: TenantSettings, now: number): Promise<void> {
  await inTransaction(pool, async (c) => {
    await c.query(
      `INSERT INTO tenant (singleton, tenant_id, name, password_writeback, temp_password_lifetime_days, password_min_length, password_max_length,
         password_required_categories, lockout_threshold, lockout_duration_seconds, caller_verification, password_history_count, delivery, created_at, updated_at)
       VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
      [
        settings.tenantId, settings.name, settings.passwordWriteback, settings.temporaryPasswordLifetimeDays, settings.passwordPolicy.minLength,
        settings.passwordPolicy.maxLength, settings.passwordPolicy.requiredCategories, settings.lockoutPolicy.threshold,
        settings.lockoutPolicy.durationSeconds, settings.callerVerification, settings.passwordHistoryCount, JSON.stringify(settings.delivery), now,
      ],
    );
    for (const d of settings.domains) await c.query('INSERT INTO domains (name, type, is_default) VALUES ($1, $2, $3)', [d.name, d.type, d.isDefault]);
    await replaceTerms(c, settings.bannedPasswords, now);
  });
}

interface ProfileRow {
  name: string;
  type: StoredProfile['type'];
  config: unknown;
  created_at: number;
  updated_at: number;
}

const toProfile = (r: ProfileRow): StoredProfile => ({
  name: r.name,
  type: r.type,
  config: r.config,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const OPEN = 'changed_at IS NULL AND superseded_at IS NULL';
const ACTIVE_KEY = 'activeDirectory';

export function pgStores(pool: pg.Pool, clock: Clock): Stores {
  const sql = reachingSql(pool);
  const getProfile = async (name: string) => (await rows<ProfileRow>(pool, 'SELECT * FROM directory_profiles WHERE lower(name) = lower($1)', [name]))[0] ?? null;
  const changed = async (text: string, values: unknown[]) => ((await sql.query(text, values)).rowCount ?? 0) > 0;
  return {
    clock,
    tenant: { get: () => readTenant(pool) },
    audit: pgAudit(pool),
    profiles: {
      list: async () => (await rows<ProfileRow>(pool, 'SELECT * FROM directory_profiles ORDER BY lower(name)')).map(toProfile),
      get: async (name) => {
        const row = await getProfile(name);
        return row ? toProfile(row) : null;
      },
      add: async (p, now) => {
        if (await getProfile(p.name)) {
          throw new DomainError('INVALID_INPUT', 'A directory connection by that name already exists: choose another name, or remove it first.');
        }
        await sql.query('INSERT INTO directory_profiles (name, type, config, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', [p.name, p.type, JSON.stringify(p.config), now]);
      },
      replace: async (p, now) => {
        const done = await changed('UPDATE directory_profiles SET type = $2, config = $3, updated_at = $4 WHERE lower(name) = lower($1)', [
          p.name,
          p.type,
          JSON.stringify(p.config),
          now,
        ]);
        if (!done) throw new DomainError('DIRECTORY_PROFILE_NOT_FOUND');
      },
      remove: (name) => changed('DELETE FROM directory_profiles WHERE lower(name) = lower($1)', [name]),
      active: async () => {
        const [row] = await rows<{ value: string }>(pool, 'SELECT value FROM app_settings WHERE key = $1', [ACTIVE_KEY]);
        return row ? ((await getProfile(row.value))?.name ?? null) : null;
      },
      setActive: async (name) => {
        if (name === null) {
          await sql.query('DELETE FROM app_settings WHERE key = $1', [ACTIVE_KEY]);
          return;
        }
        const row = await getProfile(name);
        if (!row) throw new DomainError('DIRECTORY_PROFILE_NOT_FOUND');
        await sql.query('INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [ACTIVE_KEY, row.name]);
      },
    },
    passwordHistory: {
      recent: async (userId, limit) =>
        (await rows<{ hash: string }>(pool, 'SELECT hash FROM password_history WHERE user_id = $1 ORDER BY set_at DESC, id DESC LIMIT $2', [userId, limit])).map((r) => r.hash),
      add: (userId, hash, setAt, keep) =>
        inTransaction(pool, async (c) => {
          await c.query('INSERT INTO password_history (user_id, hash, set_at) VALUES ($1, $2, $3)', [userId, hash, setAt]);
          await c.query(
            `DELETE FROM password_history WHERE user_id = $1 AND id NOT IN
               (SELECT id FROM password_history WHERE user_id = $1 ORDER BY set_at DESC, id DESC LIMIT $2)`,
            [userId, keep],
          );
        }),
    },
    temporaryPasswords: {
      issue: (e) =>
        inTransaction(pool, async (c) => {
          await c.query(`UPDATE temporary_passwords SET superseded_at = $1 WHERE target_id = $2 AND ${OPEN}`, [e.issuedAt, e.targetId]);
          const inserted = await c.query(
            `INSERT INTO temporary_passwords (target_id, target_upn, issued_at, issued_by_id, issued_by_upn, expires_at, delivered_to, force_change)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
            [e.targetId, e.targetUpn, e.issuedAt, e.issuedById, e.issuedByUpn, e.expiresAt, e.deliveredTo, e.forceChange],
          );
          return (inserted.rows[0] as { id: number }).id;
        }),
      latest: async (targetId) => {
        const [row] = await rows<TemporaryPasswordRow>(pool, 'SELECT * FROM temporary_passwords WHERE target_id = $1 ORDER BY issued_at DESC, id DESC LIMIT 1', [targetId]);
        return row ? temporaryPasswordOf(row) : null;
      },
      open: async (page) =>
        (await rows<TemporaryPasswordRow>(pool, `SELECT * FROM temporary_passwords WHERE ${OPEN} ORDER BY issued_at, id LIMIT $1 OFFSET $2`, [page.limit, page.offset])).map(temporaryPasswordOf),
      countOpen: async () => (await rows<{ n: number }>(pool, `SELECT count(*)::int AS n FROM temporary_passwords WHERE ${OPEN}`))[0]!.n,
      openTargetIds: async (max) =>
        (await rows<{ target_id: string }>(pool, `SELECT target_id FROM temporary_passwords WHERE ${OPEN} ORDER BY issued_at, id LIMIT $1`, [max])).map((r) => r.target_id),
      markFirstUse: (targetId, at) => changed(`UPDATE temporary_passwords SET first_used_at = $1 WHERE target_id = $2 AND ${OPEN} AND first_used_at IS NULL`, [at, targetId]),
      markChanged: (targetId, at) => changed(`UPDATE temporary_passwords SET changed_at = $1 WHERE target_id = $2 AND ${OPEN}`, [at, targetId]),
    },
    verifications: pgVerifications(pool, clock),
    appSettings: {
      get: async (key) => (await rows<{ value: string }>(pool, 'SELECT value FROM app_settings WHERE key = $1', [key]))[0]?.value ?? null,
      set: async (key, value) => {
        if (value === null) await sql.query('DELETE FROM app_settings WHERE key = $1', [key]);
        else await sql.query('INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
      },
    },
    outbox: {
      add: (record, bound) =>
        inTransaction(pool, async (c) => {
          await c.query('INSERT INTO outbox_messages (id, received_at, channel, sealed) VALUES ($1, $2, $3, $4)', [record.id, record.receivedAt, record.channel, record.sealed]);
          await c.query('DELETE FROM outbox_messages WHERE received_at < $1', [bound.since]);
          await c.query('DELETE FROM outbox_messages WHERE id NOT IN (SELECT id FROM outbox_messages ORDER BY received_at DESC, n DESC LIMIT $1)', [bound.keep]);
        }),
      list: async (bound) =>
        (
          await rows<{ id: string; received_at: number; channel: 'email' | 'sms'; sealed: string }>(
            pool,
            'SELECT id, received_at, channel, sealed FROM outbox_messages WHERE received_at >= $1 ORDER BY received_at DESC, n DESC LIMIT $2',
            [bound.since, bound.keep],
          )
        ).map((r) => ({ id: r.id, receivedAt: r.received_at, channel: r.channel, sealed: r.sealed })),
    },
    updateTenant: (update, audit) =>
      inTransaction(pool, async (c) => {
        const now = clock();
        await appendChained(c, { at: now, draft: audit, result: audit.result, lease: null });
        await applyUpdate(c, update, now);
      }),
    close: () => pool.end(),
  };
}
