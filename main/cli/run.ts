import { DomainError, toErrorPayload, type ErrorPayload } from '../domain/errors';
import { withLocalOffsets } from '../domain/time';
import { PasswordHasher } from '../reset/hashing';
import { parseCli } from './args';
import { COMMANDS } from './commands';
import { VERSION, helpText } from './help';
import type { CliIo } from './io';
import type { SecretStore } from '../secrets/secret-store';

export const USAGE = `Usage: resetdesk <command> [options]

Commands:
  init [--sample N] [--seed S]            create the sample tenant (Contoso), N users (default 500, up to 1,000,000)
  init --tenant NAME --domain DOMAIN      create an empty tenant with a first Global Administrator
  users search [QUERY] [--limit N] [--offset N] [--locked] [--disabled] [--guests] [--admins] [--temporary]
      [--source cloud|onPremises]        no QUERY: everyone, by name; each filter narrows (--temporary: a temporary
                                          password not yet changed), combined with each other and the QUERY
                                          on AD / OpenLDAP: from the local copy directory sync made, when there is one
  users show UPN
  tenant show
  tenant set KEY VALUE --as AGENT         passwordWriteback on|off, temporaryPasswordLifetimeDays N|never
                                          callerVerification off|recommended|required|required-for-admins
                                          passwordHistoryCount 0-24 (the last N passwords may not come back)
  tenant banned list | add TERM… | remove TERM… [--as AGENT]   the custom banned-password list (4–64 characters, up to 1,000)
  verify send UPN --method email|sms --as AGENT       a one-time code to the user's registered email or mobile
  verify check UPN --as AGENT [--method email|sms|totp]  the code the caller read back, on stdin
  verify register-totp UPN --label NAME --as AGENT    an authenticator app (embedded directory); prints its URI once
  password reset UPN --as AGENT [--password-stdin | --generate] [--no-force-change] [--send email|sms]
                                          --generate: for an on-premises user, a password that meets the tenant's policy
  password change UPN                     current and new password on stdin, one per line
  account unlock UPN --as AGENT
  signin UPN                              password on stdin
  audit list [ACTION] [--target TEXT] [--agent TEXT] [--from DATE] [--to DATE] [--limit N] [--offset N]
                                          TEXT matches any part of the target's / agent's UPN, any case (as in the app);
                                          DATE is a day (YYYY-MM-DD, local time, included whole) or an ISO 8601 time
  audit verify [--as AGENT]               the audit's hash chain walked from the first event to the newest: exit 0
                                          when it holds, 1 naming the first event edited or removed outside Resetdesk
  temp-passwords --as AGENT [--limit N] [--offset N]   temporary passwords not yet changed, oldest first
  outbox list --as AGENT [--limit N]     what the sample's outbox received (kept sealed in the local file), newest first
  directory add NAME --type ad|openldap --url URL [--url URL…] --base DN [--users-dn DN] [--ca FILE]
      [--starttls] [--bind agent|service] [--service-account DN] [--role-group 'GROUP_DN=Role']…
      [--upn-attribute ATTR] [--user-dn-template 'uid={local},ou=people,DC…'] [--verification-email ATTR]…
      [--verification-sms ATTR]… [--use] [--as AGENT]
                                          a connection to Active Directory or OpenLDAP (makes the local file)
  directory list | directory remove NAME --as AGENT
  directory use NAME | --embedded --as AGENT   which directory the app and the CLI sign in to (directory add on a fresh
                                          install: that one)
                                          add, remove, use: a Global Administrator of the directory in use (--as; the
                                          first profile of a new file needs nobody); every attempt is audited
  directory test NAME --as AGENT         reach, TLS, bind, a search, paging through every user (the first 10,000;
                                          a size limit below is refused here, with the setting to change) and the
                                          role mapping, each reported
  directory sync NAME [--full] --as AGENT   the local copy of that directory's users brought up to date (the first
                                          time every user, then the changes; --full: everyone again) and what was read,
                                          added, changed, removed; users search answers from it. Any agent who may
                                          search its users may run it; --json: {kind, read, added, changed, removed, users,
                                          ms, why} for a scheduler
  delivery show                           how mail and SMS go out (no secrets; whether the keychain holds them)
  delivery smtp --host H --port P --from ADDRESS [--security starttls|tls] [--username U] [--ca FILE] --as AGENT
                                          email over SMTP; with --username the password is read from stdin (keychain)
  delivery sms --url URL [--from NAME] [--field-to F] [--field-text F] [--field-from F] [--ca FILE]
      [--token-stdin] --as AGENT         SMS by HTTPS POST; the token (stdin) goes to the keychain
  delivery off email|sms --as AGENT       that channel off, its keychain secret deleted
  delivery test --to ADDRESS|PHONE --as AGENT   a test message by email (an address) or SMS (a number)
  store migrate --store postgres://OWNER@HOST:PORT/DB --store-ca FILE [--app-role ROLE] [--password-stdin]
                                          the team's PostgreSQL brought to this version's schema, as the schema's
                                          owner (every step once, under a lock); ROLE (default resetdesk_app) is what
                                          the server runs as: it may read and append the audit, never change it. The
                                          password: $RESETDESK_STORE_PASSWORD, stdin, the keychain, or a prompt
  help [COMMAND]                          this text, or the part of one command (or group: help password)

Options:
  --help, -h    this text; help COMMAND (or COMMAND --help) for that command only
  --version, -V the version of resetdesk
  --db PATH     the directory file (default: $RESETDESK_DB, else the app's data directory)
  --json        machine output on stdout; failures print {"error":{"code","message"}}
  --as UPN      the acting agent; password from $RESETDESK_AGENT_PASSWORD or a prompt; a read (users, audit,
                tenant, delivery, directory list) with --as is refused unless that agent's roles may read it
  --directory NAME  act on that Active Directory / OpenLDAP connection (default: the one directory use chose)
  --embedded    act on the users in the local file, whatever directory use chose
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
export async function runCli(argv: string[], io: CliIo, hasher = new PasswordHasher(), secrets?: SecretStore): Promise<number> {
  let json = argv.includes('--json');
  try {
    const args = parseCli(argv);
    json = args.options.json ?? false;
    if (args.options.version) {
      io.stdout(json ? `${JSON.stringify({ version: VERSION })}\n` : `resetdesk ${VERSION}\n`);
      return 0;
    }
    const [first = '', second = ''] = args.positionals;
    // `help [COMMAND]`, `COMMAND --help` and no command at all: the usage, whole or of that command.
    if (first === 'help' || args.options.help || args.positionals.length === 0) {
      const words = first === 'help' ? args.positionals.slice(1) : args.positionals;
      io.stdout(helpText(USAGE, words, Object.keys(COMMANDS)));
      return 0;
    }
    const command = COMMANDS[`${first} ${second}`] ?? COMMANDS[first];
    if (!command) throw new DomainError('INVALID_INPUT', 'Unknown command. Run resetdesk help for the list.');
    const output = await command({ args, io, hasher, ...(secrets ? { secrets } : {}) });
    // Times in JSON carry the local offset (2026-12-07T20:15:00+01:00), as in the CSV export.
    io.stdout(json ? `${JSON.stringify(output.json, withLocalOffsets, 2)}\n` : output.text);
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
