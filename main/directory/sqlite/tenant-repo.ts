import type { Database, Statement } from 'better-sqlite3';
import type { CallerVerificationRule, DomainType, TenantDomain, TenantSettings } from '../../domain/types';
import type { DeliverySettings } from '../../domain/delivery-settings';

interface TenantRow {
  tenant_id: string;
  name: string;
  password_writeback: number;
  temp_password_lifetime_days: number | null;
  password_min_length: number;
  password_max_length: number;
  password_required_categories: number;
  lockout_threshold: number;
  lockout_duration_seconds: number;
  caller_verification: CallerVerificationRule;
  password_history_count: number;
  delivery: string;
}

interface DomainRow {
  name: string;
  type: DomainType;
  is_default: number;
}

import type { TenantUpdate } from '../../domain/stores';

export type { TenantUpdate } from '../../domain/stores';

/** Tenant settings and verified domains: one row, read often, written rarely. */
export class TenantRepo {
  readonly #get: Statement<[], TenantRow>;
  readonly #domains: Statement<[], DomainRow>;
  readonly #insert: Statement;
  readonly #insertDomain: Statement;
  readonly #setWriteback: Statement;
  readonly #setLifetime: Statement;
  readonly #setVerification: Statement;
  readonly #setHistory: Statement;
  readonly #setDelivery: Statement;
  readonly #terms: Statement<[], { term: string }>;
  readonly #clearTerms: Statement;
  readonly #addTerm: Statement;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT * FROM tenant WHERE singleton = 1');
    this.#domains = db.prepare('SELECT name, type, is_default FROM domains ORDER BY is_default DESC, name');
    this.#insert = db.prepare(`
      INSERT INTO tenant (singleton, tenant_id, name, password_writeback, temp_password_lifetime_days,
        password_min_length, password_max_length, password_required_categories,
        lockout_threshold, lockout_duration_seconds, caller_verification, password_history_count, delivery,
      created_at, updated_at)
      VALUES (1, @tenantId, @name, @writeback, @lifetime, @minLength, @maxLength, @categories,
        @threshold, @duration, @verification, @history, @delivery, @now, @now)`);
    this.#insertDomain = db.prepare('INSERT INTO domains (name, type, is_default) VALUES (?, ?, ?)');
    this.#setWriteback = db.prepare('UPDATE tenant SET password_writeback = ?, updated_at = ? WHERE singleton = 1');
    this.#setLifetime = db.prepare(
      'UPDATE tenant SET temp_password_lifetime_days = ?, updated_at = ? WHERE singleton = 1',
    );
    this.#setVerification = db.prepare('UPDATE tenant SET caller_verification = ?, updated_at = ? WHERE singleton = 1');
    this.#setHistory = db.prepare('UPDATE tenant SET password_history_count = ?, updated_at = ? WHERE singleton = 1');
    this.#setDelivery = db.prepare('UPDATE tenant SET delivery = ?, updated_at = ? WHERE singleton = 1');
    this.#terms = db.prepare('SELECT term FROM banned_terms ORDER BY term');
    this.#clearTerms = db.prepare('DELETE FROM banned_terms');
    this.#addTerm = db.prepare('INSERT OR IGNORE INTO banned_terms (term, added_at) VALUES (?, ?)');
  }

  exists(): boolean {
    return this.#get.get() !== undefined;
  }

  get(): TenantSettings {
    const row = this.#get.get();
    if (!row) throw new Error('tenant row missing: the directory was never initialised');
    const domains: TenantDomain[] = this.#domains
      .all()
      .map((d) => ({ name: d.name, type: d.type, isDefault: d.is_default === 1 }));
    return {
      tenantId: row.tenant_id,
      name: row.name,
      domains,
      passwordWriteback: row.password_writeback === 1,
      temporaryPasswordLifetimeDays: row.temp_password_lifetime_days,
      passwordPolicy: {
        minLength: row.password_min_length,
        maxLength: row.password_max_length,
        requiredCategories: row.password_required_categories,
      },
      lockoutPolicy: { threshold: row.lockout_threshold, durationSeconds: row.lockout_duration_seconds },
      callerVerification: row.caller_verification,
      passwordHistoryCount: row.password_history_count,
      bannedPasswords: this.#terms.all().map((t) => t.term),
      delivery: JSON.parse(row.delivery) as DeliverySettings,
    };
  }

  create(settings: TenantSettings, now: number): void {
    this.#insert.run({
      tenantId: settings.tenantId,
      name: settings.name,
      writeback: settings.passwordWriteback ? 1 : 0,
      lifetime: settings.temporaryPasswordLifetimeDays,
      minLength: settings.passwordPolicy.minLength,
      maxLength: settings.passwordPolicy.maxLength,
      categories: settings.passwordPolicy.requiredCategories,
      threshold: settings.lockoutPolicy.threshold,
      duration: settings.lockoutPolicy.durationSeconds,
      verification: settings.callerVerification,
      history: settings.passwordHistoryCount,
      delivery: JSON.stringify(settings.delivery),
      now,
    });
    for (const domain of settings.domains) {
      this.#insertDomain.run(domain.name, domain.type, domain.isDefault ? 1 : 0);
    }
    this.#replaceTerms(settings.bannedPasswords, now);
  }

  /** The custom list is replaced whole (the CLI's add/remove compute the new list): one statement set, inside the caller's transaction. */
  #replaceTerms(terms: readonly string[], now: number): void {
    this.#clearTerms.run();
    for (const term of terms) this.#addTerm.run(term, now);
  }

  update(update: TenantUpdate, now: number): void {
    if (update.passwordWriteback !== undefined) this.#setWriteback.run(update.passwordWriteback ? 1 : 0, now);
    if (update.temporaryPasswordLifetimeDays !== undefined) {
      this.#setLifetime.run(update.temporaryPasswordLifetimeDays, now);
    }
    if (update.callerVerification !== undefined) this.#setVerification.run(update.callerVerification, now);
    if (update.passwordHistoryCount !== undefined) this.#setHistory.run(update.passwordHistoryCount, now);
    if (update.delivery !== undefined) this.#setDelivery.run(JSON.stringify(update.delivery), now);
    if (update.bannedPasswords !== undefined) this.#replaceTerms(update.bannedPasswords, now);
  }
}
