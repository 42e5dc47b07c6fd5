/**
 * What every directory shares, whoever keeps it: tenant settings, the audit
 * trail, connections, caller verifications, temporary passwords, password
 * history, the app's own values and the sample's kept outbox. The rules, the
 * handlers, the CLI and the LDAP providers see only these ports; the local
 * SQLite file (main/directory/sqlite/sqlite-stores.ts) is one adapter, and a
 * store on a database server implements the same (test/conformance/store-conformance.ts).
 *
 * Every method answers a Promise and no port names a file: a store across the
 * network implements them as well. A new store (sessions, help requests) is
 * one more port here and one more field of Stores.
 */
import type { Clock } from '../clock';
import type { AuditDraft } from '../types';
import type { AuditLog } from './audit-store';
import type { TenantStore, TenantUpdate } from './tenant-store';
import type { ProfileStore } from './profile-store';
import type { PasswordHistoryStore } from './password-history-store';
import type { TemporaryPasswordStore } from './temporary-password-store';
import type { VerificationStore } from './verification-store';
import type { AppSettingsStore } from './app-settings-store';
import type { KeptOutboxStore } from './kept-outbox-store';

export interface Stores {
  readonly clock: Clock;
  readonly tenant: TenantStore;
  readonly audit: AuditLog;
  /** Connection profiles (AD, OpenLDAP) and the one in use. */
  readonly profiles: ProfileStore;
  readonly passwordHistory: PasswordHistoryStore;
  readonly temporaryPasswords: TemporaryPasswordStore;
  /** Caller-verification challenges (codes as HMACs only), whatever directory holds the users. */
  readonly verifications: VerificationStore;
  /** The app's own values by key (the sample outbox's loopback TLS key). */
  readonly appSettings: AppSettingsStore;
  /** What the sample's local outbox received, sealed (main/delivery/outbox/kept-outbox.ts seals and opens it). */
  readonly outbox: KeptOutboxStore;
  /** Changes a setting and audits it in one unit (who may do so is decided above). */
  updateTenant(update: TenantUpdate, audit: AuditDraft): Promise<void>;
  close(): Promise<void>;
}
