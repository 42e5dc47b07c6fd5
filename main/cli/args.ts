import { parseArgs } from 'node:util';
import { DomainError } from '../errors';

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
  target: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'no-force-change': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
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
    const { values, positionals } = parse(argv);
    return { positionals, options: values };
  } catch (error) {
    // parseArgs names the offending option, never its value.
    const code = (error as { code?: string }).code ?? '';
    const message = code.startsWith('ERR_PARSE_ARGS') ? (error as Error).message : 'Could not read the arguments.';
    throw new DomainError('INVALID_INPUT', message);
  }
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

/** A UPN as typed on the command line: something@domain, nothing else. */
export function upnArgument(args: ParsedArgs, index: number): string {
  const upn = positional(args, index, 'the user principal name (UPN)');
  if (!/^[^\s@]+@[^\s@]+$/.test(upn) || upn.length > 256) {
    throw new DomainError('INVALID_INPUT', 'A user principal name looks like name@contoso.com.');
  }
  return upn;
}
