/**
 * Opens a tenant's mail and SMS channels from its delivery settings and the
 * OS keychain: the app's and the CLI's DeliveryOpener (main/app/services.ts).
 * Cheap: nothing connects and nodemailer is not loaded until a message goes
 * out, and the transports (with node:https and node:tls, ~20 ms to load) only
 * when a tenant's channel is opened, so commands that never send pay nothing
 * for them (the CLI's start-up is benchmarked).
 */
import type { TenantSettings } from '../domain/types';
import type { SecretStore } from '../secrets/secret-store';
import type { Delivery, DeliveryOpener } from './delivery';
import type { OutboxFileStore } from './outbox/on-demand';

/** What a refused connection to the sample's outbox means: its server runs inside the app. */
export const LOCAL_OUTBOX_HINT = "start Resetdesk, whose outbox receives the sample's mail and SMS";

export interface OpenDeliveryOptions {
  timeoutMs?: number;
  /**
   * The local file whose tenant this is: for the sample, when no outbox
   * listens (Resetdesk is closed), one is started here for as long as the
   * channels are open, keeping what it receives in this file (outbox/on-demand.ts).
   */
  stores?: OutboxFileStore;
}

export async function openDelivery(
  tenant: TenantSettings,
  secrets: SecretStore,
  options: OpenDeliveryOptions = {},
): Promise<Delivery> {
  const { smtp, sms, localOutbox } = tenant.delivery;
  const common = {
    tenantId: tenant.tenantId,
    secrets,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(localOutbox ? { unreachableHint: LOCAL_OUTBOX_HINT } : {}),
  };
  // The sample's outbox: started here when nobody runs it; its own certificate alone is trusted there (outbox/settings.ts).
  const outbox = localOutbox && options.stores ? await (await import('./outbox/on-demand')).startOutboxOnDemand(options.stores, secrets) : null;
  const { outboxCertificateFor } = await import('./outbox/settings');
  const email = smtp
    ? new (await import('./smtp-mailer')).SmtpMailer(smtp, { ...common, outboxCertPem: outboxCertificateFor(tenant.delivery, 'email') })
    : null;
  return {
    email,
    sms: sms
      ? new (await import('./http-sms-gateway')).HttpSmsGateway(sms, { ...common, outboxCertPem: outboxCertificateFor(tenant.delivery, 'sms') })
      : null,
    close: async () => {
      try {
        await email?.close();
      } finally {
        await outbox?.close();
      }
    },
  };
}

/** The DeliveryOpener over one keychain. */
export function deliveryOpener(secrets: SecretStore, options: OpenDeliveryOptions = {}): DeliveryOpener {
  return (tenant) => openDelivery(tenant, secrets, options);
}
