/**
 * `resetdesk delivery show|smtp|sms|off|test`: how the tenant sends mail and
 * SMS (one-time codes, Entra's notifications, temporary passwords sent out of
 * band), set by a Global Administrator.
 *
 * The settings live with the tenant settings in the local file and change
 * through updateTenant (Global Administrators only, one 'tenant.update' audit
 * event whose detail is the settings: they hold no secret). The SMTP password
 * and the SMS gateway's token go to the OS keychain (SecretStore) under
 * DELIVERY_SECRET_ACCOUNTS, read from stdin or a hidden prompt, never from the
 * command line. The order keeps a refusal from touching anything: the role is
 * checked first, then the secret is stored, then the settings change (a
 * failed change puts the previous secret back); a secret no longer used is
 * deleted after the change, and a keychain that cannot be reached then is
 * reported, not an error (the change stands).
 *
 * The sample's local outbox (localOutbox): the app starts it from the SMTP
 * settings' certificate (main/delivery/outbox/tenant-outbox.ts), so it is kept
 * while email still goes to it (loopback, its SMTP port, its certificate) and
 * cleared when email is pointed elsewhere or turned off; SMS may be pointed
 * elsewhere while email still uses it. When email leaves the outbox while SMS
 * still points at the outbox's endpoint, the command says so.
 */
import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import {
  DELIVERY_SECRET_ACCOUNTS,
  type DeliverySettings,
  type SmtpSettings,
} from '../domain/delivery-settings';
import { emailChannel, smsChannel, type Delivery } from '../delivery/delivery';
import { isLoopbackHost } from '../delivery/outbox/loopback';
import { outboxCertificateFor, smsAtOutbox } from '../delivery/outbox/settings';
import { utcTime } from '../delivery/messages';
import {
  deliverySettingsSchema,
  emailAddressSchema,
} from '../delivery/settings-schema';
import { maskEmail, maskPhone } from '../directory/contact-methods';
import { DomainError, type ErrorCode } from '../domain/errors';
import type { Secret } from '../domain/secret';
import type { TenantSettings } from '../domain/types';
import type { Actor } from '../reset/engine';
import { SecretStoreUnavailableError, type SecretStore } from '../secrets/secret-store';
import { globalAdministratorRefusal, updateTenant, type Services } from '../app/services';
import { positional } from './args';
import { agentFor, readAs, withServices, type CommandContext, type CommandOutput } from './context';
import { required, secretFrom, smsFromOptions, smtpFromOptions, valid } from './delivery-options';

type Command = (ctx: CommandContext) => Promise<CommandOutput>;

/**
 * What the keychain holds for a channel: asked, never shown. 'unused': the
 * channel takes none (no SMTP user name; SMS to the sample's local outbox),
 * so the keychain is not asked. null: the channel is off.
 */
export type SecretState = 'stored' | 'none' | 'unavailable' | 'unused';

const SECRET_WORDS: Record<SecretState, string> = {
  stored: 'in the keychain',
  none: 'none',
  unavailable: 'unknown: the system keychain is not available',
  unused: 'not used',
};

// --- the sample's outbox -----------------------------------------------------

function smtpAtOutbox(current: DeliverySettings, smtp: SmtpSettings | null): boolean {
  const outbox = current.localOutbox;
  return (
    outbox !== null &&
    smtp !== null &&
    isLoopbackHost(smtp.host) &&
    smtp.port === outbox.smtpPort &&
    // The outbox serves the certificate the current settings trust; another one would not match its key.
    current.smtp?.caPem != null &&
    smtp.caPem === current.smtp.caPem
  );
}

/** The next settings: one channel replaced, the outbox kept while email still goes to it. */
function nextDelivery(current: DeliverySettings, change: Partial<Pick<DeliverySettings, 'smtp' | 'sms'>>): { next: DeliverySettings; notes: string[] } {
  const smtp = 'smtp' in change ? change.smtp! : current.smtp;
  const sms = 'sms' in change ? change.sms! : current.sms;
  const keepOutbox = smtpAtOutbox(current, smtp);
  const notes: string[] = [];
  if (current.localOutbox && !keepOutbox && smsAtOutbox(current.localOutbox, sms)) {
    notes.push(
      `Email no longer goes to the sample's local outbox, so it no longer runs; SMS still points at it (${sms!.url}): ` +
        'set a gateway with "resetdesk delivery sms" or turn SMS off with "resetdesk delivery off sms".',
    );
  }
  const next = { smtp, sms, localOutbox: keepOutbox ? current.localOutbox : null };
  return { next: valid(deliverySettingsSchema, next, 'The delivery settings'), notes };
}

// --- the keychain --------------------------------------------------------------

async function secretState(secrets: SecretStore, account: string): Promise<SecretState> {
  try {
    return (await secrets.get(account)) === null ? 'none' : 'stored';
  } catch {
    return 'unavailable';
  }
}

/** Whether the channel's settings take a secret from the keychain (as SmtpMailer and HttpSmsGateway read it). */
const takesPassword = (smtp: SmtpSettings | null) => smtp?.username != null;
/** Every gateway but the sample's outbox, which takes no token. */
const takesToken = (delivery: DeliverySettings) => delivery.sms !== null && outboxCertificateFor(delivery, 'sms') === null;

async function keychainOf(services: Services, tenant: TenantSettings) {
  const { smtp, sms } = tenant.delivery;
  const { tenantId } = tenant;
  return {
    smtpPassword: !smtp ? null : takesPassword(smtp) ? await secretState(services.secrets, DELIVERY_SECRET_ACCOUNTS.smtpPassword(tenantId)) : 'unused',
    smsToken: !sms ? null : takesToken(tenant.delivery) ? await secretState(services.secrets, DELIVERY_SECRET_ACCOUNTS.smsToken(tenantId)) : 'unused',
  };
}

function keychainRefusal(what: string): DomainError {
  return new DomainError('SECRET_STORE_UNAVAILABLE', `The ${what} was not stored, so nothing was changed.`);
}

/**
 * Changes the settings with the secret in the keychain first: a refusal
 * touches nothing; a keychain that cannot keep it changes nothing; a change
 * that fails afterwards puts the previous secret back. `secret` null: the
 * channel takes none now, and one stored before is deleted after the change
 * (a keychain that cannot be reached then is a note: the change stands).
 */
async function changeWithSecret(
  services: Services,
  actor: Actor,
  next: DeliverySettings,
  account: string,
  what: string,
  secret: Secret | null,
  /** The settings before took such a secret: one may be left in the keychain if it cannot be deleted. */
  hadSecret: boolean,
): Promise<{ tenant: TenantSettings; notes: string[] }> {
  const refusal = await globalAdministratorRefusal(services, actor, 'change tenant settings');
  if (refusal) {
    // updateTenant audits the refusal and throws it; nothing was written.
    await updateTenant(services, actor, { delivery: next });
    throw refusal;
  }
  const { secrets } = services;
  if (secret) {
    let previous: string | null;
    try {
      previous = await secrets.get(account);
      await secrets.set(account, secret.reveal());
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) throw keychainRefusal(what);
      throw error;
    }
    try {
      return { tenant: await updateTenant(services, actor, { delivery: next }), notes: [] };
    } catch (error) {
      await (previous === null ? secrets.delete(account) : secrets.set(account, previous)).catch(() => undefined);
      throw error;
    }
  }
  const tenant = await updateTenant(services, actor, { delivery: next });
  try {
    await secrets.delete(account);
    return { tenant, notes: [] };
  } catch {
    const note = `The keychain could not be reached to delete the ${what} stored before; the change stands.`;
    return { tenant, notes: hadSecret ? [note] : [] };
  }
}

// --- output --------------------------------------------------------------------

function caWords(caPem: string | null): string {
  if (!caPem) return "the system's certificate authorities";
  try {
    const cert = new X509Certificate(caPem);
    return `the system's certificate authorities and ${cert.subject.replace(/\n/g, ', ')} (SHA-256 ${cert.fingerprint256.slice(0, 23)}…)`;
  } catch {
    return "the system's certificate authorities and a private CA";
  }
}

export function deliveryText(delivery: DeliverySettings, keychain: { smtpPassword: SecretState | null; smsToken: SecretState | null }): string {
  const lines: string[] = [];
  const { smtp, sms, localOutbox } = delivery;
  if (smtp) {
    lines.push(`Email (SMTP): ${smtp.host}:${smtp.port}, ${smtp.security === 'tls' ? 'TLS' : 'STARTTLS'}, from ${smtp.from}`);
    lines.push(`  User name: ${smtp.username ?? 'none (the server takes mail without signing in)'}`);
    lines.push(`  Password: ${keychain.smtpPassword === 'unused' ? 'not used (no user name)' : SECRET_WORDS[keychain.smtpPassword ?? 'none']}`);
    lines.push(`  Trusts: ${outboxCertificateFor(delivery, 'email') ? "the sample outbox's own certificate only" : caWords(smtp.caPem)}`);
  } else {
    lines.push('Email (SMTP): not set up (resetdesk delivery smtp …)');
  }
  if (sms) {
    lines.push(`SMS gateway: POST ${sms.url}${sms.from ? `, sender ${sms.from}` : ''}`);
    lines.push(`  Fields: to → ${sms.fields.to}, text → ${sms.fields.text}, sender → ${sms.fields.from}`);
    lines.push(`  Token: ${keychain.smsToken === 'unused' ? "not used (the sample's local outbox)" : SECRET_WORDS[keychain.smsToken ?? 'none']}`);
    lines.push(`  Trusts: ${keychain.smsToken === 'unused' ? "the sample outbox's own certificate only" : caWords(sms.caPem)}`);
  } else {
    lines.push('SMS gateway: not set up (resetdesk delivery sms …)');
  }
  if (localOutbox) {
    lines.push(
      `Local outbox: the sample's, on 127.0.0.1 (SMTP port ${localOutbox.smtpPort}, SMS port ${localOutbox.smsPort}), run by Resetdesk ` +
        'or, while it is closed, by the command that sends; what it receives is kept sealed in this file (resetdesk outbox list).',
    );
  }
  return `${lines.join('\n')}\n`;
}

async function settingsOutput(services: Services, tenant: TenantSettings, notes: string[] = []): Promise<CommandOutput> {
  const keychain = await keychainOf(services, tenant);
  return {
    json: { ...tenant.delivery, keychain, ...(notes.length > 0 ? { notes } : {}) },
    text: deliveryText(tenant.delivery, keychain) + notes.map((n) => `Note: ${n}\n`).join(''),
  };
}

// --- the commands ----------------------------------------------------------------

const deliveryShow: Command = (ctx) =>
  withServices(ctx, async (services) => {
    await readAs(ctx, services, 'settings');
    return settingsOutput(services, (await services.stores.tenant.get()));
  });

const deliverySmtp: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const smtp = smtpFromOptions(ctx);
    // Read before the agent's password is asked, so a piped password is not taken for it.
    const password = smtp.username ? await secretFrom(ctx, `SMTP password for ${smtp.username}: `, 'The SMTP password') : null;
    const actor = await agentFor(ctx, services);
    const current = await services.stores.tenant.get();
    const { next, notes } = nextDelivery(current.delivery, { smtp });
    const account = DELIVERY_SECRET_ACCOUNTS.smtpPassword(current.tenantId);
    const done = await changeWithSecret(services, actor, next, account, 'SMTP password', password, takesPassword(current.delivery.smtp));
    return settingsOutput(services, done.tenant, [...notes, ...done.notes]);
  });

const deliverySms: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const sms = smsFromOptions(ctx);
    const token = ctx.args.options['token-stdin'] ? await secretFrom(ctx, 'SMS gateway token: ', 'The SMS gateway token') : null;
    const actor = await agentFor(ctx, services);
    const current = await services.stores.tenant.get();
    const { next, notes } = nextDelivery(current.delivery, { sms });
    const account = DELIVERY_SECRET_ACCOUNTS.smsToken(current.tenantId);
    const done = await changeWithSecret(services, actor, next, account, 'SMS gateway token', token, takesToken(current.delivery));
    return settingsOutput(services, done.tenant, [...notes, ...done.notes]);
  });

const deliveryOff: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const channel = valid(z.enum(['email', 'sms']), positional(ctx.args, 2, 'the channel (email or sms)'), 'The channel (email or sms)');
    const actor = await agentFor(ctx, services);
    const current = await services.stores.tenant.get();
    const { next, notes } = nextDelivery(current.delivery, channel === 'email' ? { smtp: null } : { sms: null });
    const account =
      channel === 'email' ? DELIVERY_SECRET_ACCOUNTS.smtpPassword(current.tenantId) : DELIVERY_SECRET_ACCOUNTS.smsToken(current.tenantId);
    const done =
      channel === 'email'
        ? await changeWithSecret(services, actor, next, account, 'SMTP password', null, takesPassword(current.delivery.smtp))
        : await changeWithSecret(services, actor, next, account, 'SMS gateway token', null, takesToken(current.delivery));
    return settingsOutput(services, done.tenant, [...notes, ...done.notes]);
  });

/** --to: an email address (a test by email) or a phone number (by SMS). */
function recipientOf(raw: string | undefined): { channel: 'email' | 'sms'; to: string } {
  const to = required(raw, '--to', 'ADDRESS or PHONE (where the test message goes)').trim();
  if (to.includes('@')) return { channel: 'email', to: valid(emailAddressSchema, to, '--to') };
  const digits = to.replace(/\D/g, '').length;
  if (!/^\+?[0-9][0-9 ().-]*$/.test(to) || digits < 6 || digits > 15) {
    throw new DomainError('INVALID_INPUT', '--to is not valid: an email address, or a phone number such as +1 425 555 0100.');
  }
  return { channel: 'sms', to };
}

function testAudit(services: Services, actor: Actor, facts: { channel: 'email' | 'sms'; to: string }, code: ErrorCode | null): Promise<void> {
  return services.stores.audit.append(
    {
      actorId: actor.id,
      actorUpn: actor.upn,
      targetId: null,
      targetUpn: null,
      action: 'notification.send',
      result: code ? 'failure' : 'success',
      errorCode: code,
      detail: JSON.stringify({ kind: 'test', channel: facts.channel, to: facts.to }),
    },
    services.stores.clock(),
  );
}

const deliveryTest: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const { channel, to } = recipientOf(ctx.args.options.to);
    const masked = channel === 'email' ? maskEmail(to) : maskPhone(to);
    const actor = await agentFor(ctx, services);
    // A test goes to any address the agent types: a Global Administrator's step, like the settings.
    const refusal = await globalAdministratorRefusal(services, actor, 'send a test message');
    if (refusal) {
      await testAudit(services, actor, { channel, to: masked }, refusal.code);
      throw refusal;
    }
    const tenant = await services.stores.tenant.get();
    const when = utcTime(new Date(services.stores.clock()));
    const sentence = `This is a test message from ${tenant.name}'s helpdesk (Resetdesk), sent by ${actor.upn} at ${when}.`;
    let delivery: Delivery | null = null;
    try {
      delivery = await services.delivery(tenant);
      if (channel === 'email') {
        await emailChannel(delivery).send({
          to: [to],
          subject: `${tenant.name} helpdesk: test message`,
          text: `${sentence}\n\nEmail delivery works; nothing needs to be done.\n`,
        });
      } else {
        await smsChannel(delivery).send({ to, text: `${sentence} SMS delivery works.` });
      }
    } catch (thrown) {
      const error = thrown instanceof DomainError ? thrown : new DomainError('DELIVERY_FAILED');
      await testAudit(services, actor, { channel, to: masked }, error.code);
      throw error;
    } finally {
      await delivery?.close().catch(() => undefined);
    }
    await testAudit(services, actor, { channel, to: masked }, null);
    return {
      json: { channel, to: masked, delivered: true },
      text: `Test message sent by ${channel === 'email' ? 'email' : 'SMS'} to ${masked}.\n`,
    };
  });

export const DELIVERY_COMMANDS: Record<string, Command> = {
  'delivery show': deliveryShow,
  'delivery smtp': deliverySmtp,
  'delivery sms': deliverySms,
  'delivery off': deliveryOff,
  'delivery test': deliveryTest,
};
