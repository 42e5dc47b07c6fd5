/** The tenant's settings port (one tenant per store). */
import type { CallerVerificationRule, TenantSettings } from '../types';
import type { DeliverySettings } from '../delivery-settings';

/** The editable tenant settings, by the names the CLI and IPC use. */
export interface TenantUpdate {
  passwordWriteback?: boolean;
  temporaryPasswordLifetimeDays?: number | null;
  callerVerification?: CallerVerificationRule;
  passwordHistoryCount?: number;
  /** The whole custom list (terms of 4–64 characters, at most MAX_BANNED_TERMS). */
  bannedPasswords?: string[];
  delivery?: DeliverySettings;
}

/** Read here; changed through Stores.updateTenant, which audits the change in the same unit. */
export interface TenantStore {
  get(): Promise<TenantSettings>;
}
