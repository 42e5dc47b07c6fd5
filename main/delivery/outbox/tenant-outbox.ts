/**
 * A local file's sample outbox, read from its tenant's delivery settings (the
 * ports, the certificate) and its app settings (the key). The app's
 * OutboxHost starts it from these, and so does a sender that finds its ports
 * free (on-demand.ts); a test holding a sample file starts the
 * very outbox the sample's mailer and gateway send to:
 *
 *   const outbox = await startLocalOutboxFor(fx.store.stores);
 *   const mail = await outbox!.waitFor((m) => m.to.includes('adele@contoso.com'));
 */
import type { Stores } from '../../domain/stores';
import { OUTBOX_KEY_APP_SETTING } from './identity';
import type { LocalOutbox } from './local-outbox';

export interface TenantOutboxOptions {
  smtpPort: number;
  smsPort: number;
  certPem: string;
  /** null: the file's key is missing (the outbox cannot start). */
  keyPem: string | null;
}

/** The local file's outbox, or null when its tenant has none (every tenant but the sample). */
export async function localOutboxOptionsOf(local: Pick<Stores, 'tenant' | 'appSettings'>): Promise<TenantOutboxOptions | null> {
  const { localOutbox, smtp } = (await local.tenant.get()).delivery;
  if (!localOutbox || !smtp?.caPem) return null;
  return { ...localOutbox, certPem: smtp.caPem, keyPem: await local.appSettings.get(OUTBOX_KEY_APP_SETTING) };
}

/** Starts the local file's outbox on its ports; null when the tenant has none. Rejects when a port is taken. */
export async function startLocalOutboxFor(local: Pick<Stores, 'tenant' | 'appSettings'>): Promise<LocalOutbox | null> {
  const options = await localOutboxOptionsOf(local);
  if (!options) return null;
  if (options.keyPem === null) throw new Error("The sample's outbox key is missing from the local file.");
  const { LocalOutbox } = await import('./local-outbox');
  return LocalOutbox.start({ ...options, keyPem: options.keyPem });
}
