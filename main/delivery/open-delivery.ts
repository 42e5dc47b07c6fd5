/**
 * Opens a tenant's mail and SMS channels from its delivery settings and the
 * OS keychain: the app's and the CLI's DeliveryOpener (main/services.ts).
 * Cheap: nothing connects and nodemailer is not loaded until a message goes
 * out, and the transports (with node:https and node:tls, ~20 ms to load) only
 * when a tenant's channel is opened, so commands that never send pay nothing
 * for them (the CLI's start-up is benchmarked).
 */
import type { TenantSettings } from '../domain/types';
import type { SecretStore } from '../secrets/secret-store';
import type { Delivery, DeliveryOpener } from './delivery';

/** What a refused connection to the sample's outbox means: its server runs inside the app. */
export const LOCAL_OUTBOX_HINT = "start Resetdesk, whose outbox receives the sample's mail and SMS";

export interface OpenDeliveryOptions {
  timeoutMs?: number;
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
  const email = smtp ? new (await import('./smtp-mailer')).SmtpMailer(smtp, common) : null;
  return {
    email,
    sms: sms ? new (await import('./http-sms-gateway')).HttpSmsGateway(sms, common) : null,
    close: async () => {
      await email?.close();
    },
  };
}

/** The DeliveryOpener over one keychain. */
export function deliveryOpener(secrets: SecretStore, options: OpenDeliveryOptions = {}): DeliveryOpener {
  return (tenant) => openDelivery(tenant, secrets, options);
}
