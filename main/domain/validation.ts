/**
 * The input rules every boundary shares. The IPC contract builds its request
 * schemas from these, and the CLI checks its arguments with the same ones, so
 * a value one front end refuses is never accepted by the other.
 */
import { z } from 'zod';
import { DomainError } from './errors';
import { CALLER_VERIFICATION_RULES, VERIFICATION_METHODS } from './types';
import { MAX_TERM_LENGTH, MIN_TERM_LENGTH } from './banned-passwords';
import { MAX_BANNED_TERMS } from './types';
import { FILTER_SOURCES } from './user-filter';

export const upnSchema = z
  .string()
  .trim()
  .min(3)
  .max(256)
  .regex(/^[^\s@]+@[^\s@]+$/, 'a user principal name looks like name@contoso.com');

export const domainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(253)
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a domain such as contoso.com');

export const tenantNameSchema = z.string().trim().min(1).max(64);

/** Entra passwords are at most 256 characters; refuse anything longer before hashing. */
export const passwordSchema = z.string().min(1).max(256);

/** Search text: long enough for a pasted address, short enough to bound the work. */
export const searchQuerySchema = z.string().max(256);

/** A search's state filters (main/domain/user-filter.ts): only these keys, each on or off, the source one of two. */
export const userFilterSchema = z
  .object({
    locked: z.boolean().optional(),
    disabled: z.boolean().optional(),
    guests: z.boolean().optional(),
    admins: z.boolean().optional(),
    source: z.enum(FILTER_SOURCES).optional(),
    temporaryPassword: z.boolean().optional(),
  })
  .strict();

/** A code the caller reads back (an emailed or texted one-time code, or an authenticator app's): six digits, as typed or piped. */
export const verificationCodeSchema = z.string().trim().regex(/^\d{6}$/, 'six digits');
/** The methods that send a code (an authenticator app shows its own), and every method a check may name. */
export const codeMethodSchema = z.enum(['email', 'sms']);
export const verificationMethodSchema = z.enum(VERIFICATION_METHODS);
/** The tenant's caller-verification rule, as `tenant set callerVerification` takes it. */
export const callerVerificationSchema = z.enum(CALLER_VERIFICATION_RULES);

/**
 * A custom banned-password term (Entra's custom list): 4–64 printable ASCII
 * characters, the limits the local file's banned_terms table enforces too.
 */
export const bannedTermSchema = z
  .string()
  .trim()
  .min(MIN_TERM_LENGTH, `at least ${MIN_TERM_LENGTH} characters`)
  .max(MAX_TERM_LENGTH, `at most ${MAX_TERM_LENGTH} characters`)
  .regex(/^[\x20-\x7e]+$/, 'letters, numbers, spaces and common symbols only');

/** The whole custom list: at most MAX_BANNED_TERMS terms, none twice (case does not count). */
export const bannedTermsSchema = z
  .array(bannedTermSchema)
  .max(MAX_BANNED_TERMS, `at most ${MAX_BANNED_TERMS} terms`)
  .refine((terms) => new Set(terms.map((t) => t.toLowerCase())).size === terms.length, 'each term once');

/** The bounds of a page the CLI prints (search results, audit events, temporary passwords); the app's screens ask for less. */
export const PAGE_LIMIT = { min: 1, max: 1000 } as const;
/** How far into a list any page may start, on both front ends. */
export const MAX_OFFSET = 10_000_000;

/**
 * The sample sizes `init --sample` and the first run accept: derived from
 * what the sample holds (its agents and example users), where the sample
 * checks them too.
 */
export { DEFAULT_SAMPLE_SIZE, SAMPLE_SIZE } from './sample-size';
/** The seeds `init --seed` accepts. */
export const SAMPLE_SEED = { min: 0, max: 2 ** 32 - 1 } as const;

/**
 * Checks one value against a shared rule, for the CLI: the parsed value, or an
 * INVALID_INPUT naming what was wrong in one line. zod's own message is used
 * only when it is one of ours (the regex messages above); a value is never
 * echoed back, since it may be a password.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const hint = issue?.code === 'invalid_format' ? `: ${issue.message}` : issue?.code === 'too_big' ? ' (too long)' : issue?.code === 'too_small' ? ' (too short)' : '';
  throw new DomainError('INVALID_INPUT', `${what} is not valid${hint}.`);
}
