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
 * - runInProcess: runCli itself, with a fast hasher and the keychain a test
 *   chooses (a MemorySecretStore, or a KeytarSecretStore that fails to load).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../main/cli/run';
import type { PasswordHasher } from '../../main/reset/hashing';
import type { SecretStore } from '../../main/secrets/secret-store';

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
  /** Variables set over this process's (a keyring session's, keyring-session.ts; XDG_CONFIG_HOME; a D-Bus address where no keychain answers). */
  env?: NodeJS.ProcessEnv;
}

function envOf(options: CliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RESETDESK_DB: '', ...options.env };
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

/** The CLI in this process: `env` is all the environment it sees, stdin the lines given. */
export async function runInProcess(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string[]; hasher: PasswordHasher; secrets?: SecretStore },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    readStdinLines: async () => options.stdin ?? [],
    promptSecret: async () => null,
    env: options.env ?? {},
  };
  const status = await runCli(argv, io, options.hasher, options.secrets);
  return parsed(status, stdout, stderr);
}
