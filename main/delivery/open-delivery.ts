/**
 * Opens a tenant's mail and SMS channels from its delivery settings and the
 * OS keychain: the app's and the CLI's DeliveryOpener (main/services.ts).
 * Cheap: nothing connects and nodemailer is not loaded until a message goes
 * out, so commands that never send pay nothing for it.
 */
import type { TenantSettings } from '../domain/types';
import type { SecretStore } from '../secrets/secret-store';
import type { Delivery, DeliveryOpener } from './delivery';
import { HttpSmsGateway } from './http-sms-gateway';
import { SmtpMailer } from './smtp-mailer';

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
  const email = smtp ? new SmtpMailer(smtp, common) : null;
  return {
    email,
    sms: sms ? new HttpSmsGateway(sms, common) : null,
    close: async () => {
      await email?.close();
    },
  };
}

/** The DeliveryOpener over one keychain. */
export function deliveryOpener(secrets: SecretStore, options: OpenDeliveryOptions = {}): DeliveryOpener {
  return (tenant) => openDelivery(tenant, secrets, options);
}
