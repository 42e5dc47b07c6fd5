import { parseArgs } from 'node:util';
import { DomainError } from '../domain/errors';
import type { SignInResult } from '../reset/signin';
import { parseInput, upnSchema } from '../domain/validation';

/**
 * Exit codes, as the README lists them: 0 done, 1 refused or failed, 2 the
 * command line is wrong; `signin` answers each refused sign-in with its own
 * code so a script can tell them apart (and `if resetdesk signin …` is right).
 */
export const SIGN_IN_EXIT_CODES: Record<SignInResult, number> = {
  ok: 0,
  invalid_credentials: 3,
  locked: 4,
  disabled: 5,
  password_change_required: 6,
  password_expired: 7,
};

/** Every option any command takes; each command reads the ones it needs. */
const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  as: { type: 'string' },
  sample: { type: 'string' },
  seed: { type: 'string' },
  tenant: { type: 'string' },
  domain: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  // users search: state filters (search-filter-options.ts).
  locked: { type: 'boolean' },
  disabled: { type: 'boolean' },
  guests: { type: 'boolean' },
  admins: { type: 'boolean' },
  temporary: { type: 'boolean' },
  source: { type: 'string' },
  target: { type: 'string' },
  agent: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'no-force-change': { type: 'boolean' },
  // password reset --generate: a password made for the user (the app's Generate), printed like a cloud user's.
  generate: { type: 'boolean' },
  // password reset --send email|sms: the temporary password goes to the user's registered method, not to stdout.
  send: { type: 'string' },
  // Caller verification: verify send|check --method, verify register-totp --label.
  method: { type: 'string' },
  label: { type: 'string' },
  // Real directories: --directory NAME on every command; the rest for `directory add`.
  directory: { type: 'string' },
  type: { type: 'string' },
  url: { type: 'string', multiple: true },
  base: { type: 'string' },
  'users-dn': { type: 'string' },
  ca: { type: 'string' },
  starttls: { type: 'boolean' },
  bind: { type: 'string' },
  'service-account': { type: 'string' },
  'role-group': { type: 'string', multiple: true },
  'upn-attribute': { type: 'string' },
  // OpenLDAP: bind as this DN (a template with {local} or {upn}) instead of finding it by a search.
  'user-dn-template': { type: 'string' },
  // Which attributes hold a user's caller-verification email and mobile (default AD otherMailbox/mobile, OpenLDAP mobile).
  'verification-email': { type: 'string', multiple: true },
  'verification-sms': { type: 'string', multiple: true },
  use: { type: 'boolean' },
  embedded: { type: 'boolean' },
  // directory sync --full: read every user again, whatever the replica's cursor.
  full: { type: 'boolean' },
  // delivery smtp|sms|test (--ca and --url as above; secrets from stdin, never here).
  host: { type: 'string' },
  port: { type: 'string' },
  security: { type: 'string' },
  from: { type: 'string' },
  username: { type: 'string' },
  'field-to': { type: 'string' },
  'field-text': { type: 'string' },
  'field-from': { type: 'string' },
  'token-stdin': { type: 'boolean' },
  to: { type: 'string' },
  // store migrate (and, later, server): the team's PostgreSQL, its CA, the role the server runs as.
  store: { type: 'string' },
  'store-ca': { type: 'string' },
  'app-role': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

export type CliOptions = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

export interface ParsedArgs {
  positionals: string[];
  options: CliOptions;
}

export function parseCli(argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parse(joinNegativeNumbers(argv));
    if (values.db === '') throw new DomainError('INVALID_INPUT', '--db needs the path of a directory file.');
    return { positionals, options: values };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('INVALID_INPUT', parseArgsMessage(error));
  }
}

/**
 * parseArgs's refusal in our words, one line. It names the offending option,
 * never its value; its own text for an unknown option runs on with a hint
 * whose quotes do not close, so that one is said here instead.
 */
function parseArgsMessage(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  const first = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    // What was typed is not repeated (it may be a misplaced password), but for -v: how many tools
    // spell the version, and ours is -V, as git and curl have it.
    const option = /^Unknown option '([^']*)'/.exec(first)?.[1];
    const hint = option === '-v' ? ' -v: the version is --version or -V' : '';
    return `Unknown option${hint}. Run resetdesk help for the options; a value that starts with "-" goes after "--".`;
  }
  // parseArgs's other refusals name the option, never its value; its messages can run to three lines.
  return code.startsWith('ERR_PARSE_ARGS') ? `${first.replace(/\.$/, '')}. Run resetdesk help.` : 'Could not read the arguments.';
}

/**
 * `--limit -1` is a number given to an option, not an unknown option `-1`:
 * join such pairs (`--limit=-1`) so the option's own range check answers.
 */
function joinNegativeNumbers(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    const next = argv[i + 1];
    const takesValue = Object.hasOwn(OPTIONS, name) && OPTIONS[name as keyof typeof OPTIONS].type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** A whole number option within bounds, or INVALID_INPUT naming the option. */
export function intOption(
  name: string,
  value: string | undefined,
  fallback: number,
  bounds: { min: number; max: number },
): number {
  if (value === undefined) return fallback;
  const n = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < bounds.min || n > bounds.max) {
    throw new DomainError('INVALID_INPUT', `--${name} must be a whole number from ${bounds.min} to ${bounds.max}.`);
  }
  return n;
}

/** The n-th positional argument, or INVALID_INPUT saying which one is missing. */
export function positional(args: ParsedArgs, index: number, what: string): string {
  const value = args.positionals[index];
  if (value === undefined || value.trim() === '') {
    throw new DomainError('INVALID_INPUT', `Missing ${what}.`);
  }
  return value;
}

/** A UPN as typed on the command line, by the same rule the app's requests follow. */
export function upnArgument(args: ParsedArgs, index: number): string {
  return parseInput(upnSchema, positional(args, index, 'the user principal name (UPN)'), 'The user principal name');
}
