import { DomainError, toErrorPayload, type ErrorPayload } from '../domain/errors';
import { PasswordHasher } from '../reset/hashing';
import { parseCli } from './args';
import { COMMANDS } from './commands';
import type { CliIo } from './io';

export const USAGE = `Usage: resetdesk <command> [options]

Commands:
  init [--sample N] [--seed S]            create the sample tenant (Contoso), N users (default 500, up to 1,000,000)
  init --tenant NAME --domain DOMAIN      create an empty tenant with a first Global Administrator
  users search [QUERY] [--limit N] [--offset N]
  users show UPN
  tenant show
  tenant set KEY VALUE --as AGENT         passwordWriteback on|off, temporaryPasswordLifetimeDays N|never
  password reset UPN --as AGENT [--password-stdin] [--no-force-change]
  password change UPN                     current and new password on stdin, one per line
  account unlock UPN --as AGENT
  signin UPN                              password on stdin
  audit list [ACTION] [--target UPN] [--limit N] [--offset N]
  directory add NAME --type ad|openldap --url URL [--url URL…] --base DN [--users-dn DN] [--ca FILE]
      [--starttls] [--bind agent|service] [--service-account DN] [--role-group 'GROUP_DN=Role']…
      [--upn-attribute ATTR] [--use]     a connection to Active Directory or OpenLDAP (makes the local file)
  directory list | directory remove NAME
  directory use NAME | --embedded        which directory the app signs in to (directory add on a fresh install: that one)
  directory test NAME --as AGENT         reach, TLS, bind, a search and the role mapping, each reported

Options:
  --db PATH     the directory file (default: $RESETDESK_DB, else the app's data directory)
  --json        machine output on stdout; failures print {"error":{"code","message"}}
  --as UPN      the acting agent; password from $RESETDESK_AGENT_PASSWORD or a prompt
  --directory NAME  act on that Active Directory / OpenLDAP connection instead of the embedded users
Passwords are read from stdin or a hidden prompt, never from the command line.
`;

/** An error is one line, whatever a detail carried: scripts and logs read it line by line. */
function oneLine(payload: ErrorPayload): ErrorPayload {
  return { ...payload, message: payload.message.replace(/\s*[\r\n]+\s*/g, ' ') };
}

/**
 * Exit codes: 0 done, 1 refused or failed, 2 the command line itself is wrong,
 * 3-7 a sign-in that was answered but not let in (SIGN_IN_EXIT_CODES).
 */
export async function runCli(argv: string[], io: CliIo, hasher = new PasswordHasher()): Promise<number> {
  let json = argv.includes('--json');
  try {
    const args = parseCli(argv);
    json = args.options.json ?? false;
    if (args.options.help || args.positionals.length === 0) {
      io.stdout(USAGE);
      return 0;
    }
    const [first = '', second = ''] = args.positionals;
    const command = COMMANDS[`${first} ${second}`] ?? COMMANDS[first];
    if (!command) throw new DomainError('INVALID_INPUT', `Unknown command "${first.slice(0, 40)}". Run resetdesk --help.`);
    const output = await command({ args, io, hasher });
    io.stdout(json ? `${JSON.stringify(output.json, null, 2)}\n` : output.text);
    return output.exitCode ?? 0;
  } catch (error) {
    const payload = oneLine(toErrorPayload(error));
    // Unexpected errors are shown as INTERNAL; RESETDESK_DEBUG=1 adds the cause on
    // stderr for a developer. Never on by default: causes can quote input.
    if (payload.code === 'INTERNAL' && io.env.RESETDESK_DEBUG === '1') io.stderr(`${String((error as Error)?.stack ?? error)}\n`);
    if (json) io.stdout(`${JSON.stringify({ error: payload })}\n`);
    else io.stderr(`resetdesk: ${payload.message} [${payload.code}]\n`);
    return payload.code === 'INVALID_INPUT' ? 2 : 1;
  }
}
