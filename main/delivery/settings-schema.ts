/**
 * The input rules for a tenant's delivery settings, shared by the CLI and the
 * IPC contract (like main/domain/validation.ts): one set for both front ends. The
 * SMTP password and the SMS token are not here: they go to the keychain.
 */
import { z } from 'zod';

/** A host name or an IPv4/IPv6 address, without a scheme or a port. */
export const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/, 'a host name such as smtp.contoso.com');

export const portSchema = z.number().int().min(1).max(65535);

export const emailAddressSchema = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .regex(/^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/, 'an email address such as helpdesk@contoso.com');

/** A PEM certificate (public: a CA to trust), bounded so a file picked by mistake is refused. */
export const caPemSchema = z
  .string()
  .max(64 * 1024)
  .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'a PEM certificate (-----BEGIN CERTIFICATE-----)');

/** https only, to this computer too: over plain http whoever listens on the port would read the code. */
export const gatewayUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((raw) => {
    try {
      return new URL(raw).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'an https:// URL');

/** A JSON field name the provider expects. */
export const fieldNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a JSON field name such as to');

export const smtpSettingsSchema = z
  .object({
    host: hostSchema,
    port: portSchema,
    security: z.enum(['starttls', 'tls']),
    from: emailAddressSchema,
    username: z.string().min(1).max(256).nullable(),
    caPem: caPemSchema.nullable(),
  })
  .strict();

export const smsGatewaySettingsSchema = z
  .object({
    url: gatewayUrlSchema,
    from: z.string().trim().min(1).max(32).nullable(),
    fields: z.object({ to: fieldNameSchema, text: fieldNameSchema, from: fieldNameSchema }).strict(),
    caPem: caPemSchema.nullable(),
  })
  .strict();

export const localOutboxSettingsSchema = z.object({ smtpPort: portSchema, smsPort: portSchema }).strict();

export const deliverySettingsSchema = z
  .object({
    smtp: smtpSettingsSchema.nullable(),
    sms: smsGatewaySettingsSchema.nullable(),
    localOutbox: localOutboxSettingsSchema.nullable(),
  })
  .strict();
