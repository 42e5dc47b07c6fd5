/**
 * The options of `resetdesk delivery smtp|sms`, checked by the shared schemas
 * (main/delivery/settings-schema.ts, which IPC uses too): one INVALID_INPUT
 * line naming the option, nothing changed.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { SmsGatewaySettings, SmtpSettings } from '../domain/delivery-settings';
import {
  caPemSchema,
  emailAddressSchema,
  fieldNameSchema,
  gatewayUrlSchema,
  hostSchema,
  portSchema,
  smsGatewaySettingsSchema,
  smtpSettingsSchema,
} from '../delivery/settings-schema';
import { DomainError } from '../domain/errors';
import type { Secret } from '../domain/secret';
import { parseInput } from '../domain/validation';
import { intOption } from './args';
import { readSecrets, type CommandContext } from './context';

/** The largest --ca file read (the schema then allows 64 KiB of PEM). */
const MAX_CA_FILE_BYTES = 1024 * 1024;

/** A value by a shared schema; a refine's own words (the URL rule) are kept in the one-line error. */
export function valid<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue?.code === 'custom') throw new DomainError('INVALID_INPUT', `${what} is not valid: ${issue.message}.`);
  return parseInput(schema, value, what);
}

export function required(value: string | undefined, option: string, what: string): string {
  if (value === undefined || value.trim() === '') throw new DomainError('INVALID_INPUT', `Give ${option} ${what}.`);
  return value;
}

function portOption(value: string | undefined): number {
  const port = intOption('port', required(value, '--port', 'PORT (587 for STARTTLS, 465 for TLS)'), 0, { min: 1, max: 65535 });
  return valid(portSchema, port, '--port');
}

/**
 * The PEM of a private CA, from a file: its certificates only. A file that
 * also holds a private key is refused (the settings reach the renderer and
 * the audit; a key must never be there).
 */
export function caOption(file: string | undefined): string | null {
  if (file === undefined) return null;
  const path = resolve(file);
  let text: string;
  try {
    if (statSync(path).size > MAX_CA_FILE_BYTES) throw new DomainError('INVALID_INPUT', '--ca: that file is too large for a certificate.');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('INVALID_INPUT', '--ca: no readable file at that path.');
  }
  if (/PRIVATE KEY-----/.test(text)) {
    throw new DomainError('INVALID_INPUT', "--ca: that file holds a private key; give the CA's certificate only.");
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const pem = valid(caPemSchema, blocks.join('\n') + (blocks.length > 0 ? '\n' : ''), '--ca');
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw new DomainError('INVALID_INPUT', '--ca: that file holds a certificate that cannot be read.');
    }
  }
  return pem;
}

/** One secret line (stdin or a hidden prompt), bounded. */
export async function secretFrom(ctx: CommandContext, prompt: string, what: string): Promise<Secret> {
  const [secret] = await readSecrets(ctx, [prompt]);
  valid(z.string().min(1).max(1024), secret!.reveal(), what);
  return secret!;
}

export function smtpFromOptions(ctx: CommandContext): SmtpSettings {
  const o = ctx.args.options;
  const settings = {
    host: valid(hostSchema, required(o.host, '--host', 'HOST (the SMTP server)'), '--host'),
    port: portOption(o.port),
    security: valid(z.enum(['starttls', 'tls']), o.security ?? 'starttls', '--security (starttls or tls)'),
    from: valid(emailAddressSchema, required(o.from, '--from', 'ADDRESS (the From address users see)'), '--from'),
    username: o.username === undefined ? null : valid(z.string().min(1).max(256), o.username, '--username'),
    caPem: caOption(o.ca),
  };
  return valid(smtpSettingsSchema, settings, 'The SMTP settings');
}

export function smsFromOptions(ctx: CommandContext): SmsGatewaySettings {
  const o = ctx.args.options;
  const urls = o.url ?? [];
  if (urls.length !== 1) throw new DomainError('INVALID_INPUT', 'Give the gateway with one --url URL.');
  const settings = {
    url: valid(gatewayUrlSchema, urls[0], '--url'),
    from: o.from === undefined ? null : valid(z.string().trim().min(1).max(32), o.from, '--from (the sender name)'),
    fields: {
      to: valid(fieldNameSchema, o['field-to'] ?? 'to', '--field-to'),
      text: valid(fieldNameSchema, o['field-text'] ?? 'text', '--field-text'),
      from: valid(fieldNameSchema, o['field-from'] ?? 'from', '--field-from'),
    },
    caPem: caOption(o.ca),
  };
  return valid(smsGatewaySettingsSchema, settings, 'The SMS gateway settings');
}
