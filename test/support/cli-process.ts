/**
 * The CLI in a child process, as a script runs it: argv, stdin, the agent's
 * password in RESETDESK_AGENT_PASSWORD (never inherited from the test's own
 * environment), and the output parsed when it is JSON.
 *
 * - runBin: the package's real bin (bin/resetdesk.mjs → dist/cli.mjs,
 *   built by `npm test`), synchronously.
 * - runSource: main/cli/main.ts through tsx, asynchronously, so a server on
 *   the test's own event loop (a LocalOutbox receiving the child's mail) can
 *   answer it.
 * - runBinAsync: the real bin, asynchronously (a proxy on the test's event
 *   loop between the CLI and a directory; several CLIs at once).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'resetdesk.mjs');
const MAIN = join(ROOT, 'main', 'cli', 'main.ts');

export interface CliRun {
  status: number | null;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed CLI output, asserted field by field
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  input?: string;
  /** RESETDESK_AGENT_PASSWORD for the child; unset when absent. */
  agentPassword?: string;
  /** Variables set over this process's (a keyring session's, keyring-session.ts; a DBUS_SESSION_BUS_ADDRESS where no keychain answers). */
  env?: NodeJS.ProcessEnv;
}

function envOf(options: CliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, RESETDESK_DB: '' };
  delete env.RESETDESK_AGENT_PASSWORD;
  if (options.agentPassword !== undefined) env.RESETDESK_AGENT_PASSWORD = options.agentPassword;
  return env;
}

function parsed(status: number | null, stdout: string, stderr: string): CliRun {
  let json: unknown = undefined;
  try {
    json = JSON.parse(stdout);
  } catch {
    // not JSON: the assertions on json say so
  }
  return { status, json, stdout, stderr };
}

export function runBin(argv: string[], options: CliOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...argv], { input: options.input ?? '', env: envOf(options), encoding: 'utf8', timeout: 120_000 });
  return parsed(result.status, result.stdout, result.stderr);
}

export function runSource(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  return spawned(['--import', 'tsx', MAIN, ...argv], options);
}

export function runBinAsync(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  return spawned([BIN, ...argv], options);
}

function spawned(args: string[], options: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: envOf(options) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve(parsed(status, stdout, stderr)));
    child.stdin.end(options.input ?? '');
  });
}
