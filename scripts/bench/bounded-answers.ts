/**
 * Answers whose speed is part of the promise, timed here rather than in the
 * test suite (a wall-clock budget in a test fails on a busy machine; the tests
 * keep what is true at any speed):
 *
 * - the live banned-password check, asked on every pause in typing: one
 *   16-character check against the whole global list, the tenant's terms and
 *   the user's names (was a 5 ms assertion in test/unit/reset/banned-passwords.test.ts);
 * - a directory that cannot be reached gives up within the profile's timeouts:
 *   a closed port, and a server that accepts the connection and never answers
 *   (were 3 s assertions in test/integration/directory/ldap/providers.test.ts).
 *   Only loopback sockets this script opens: no directory server is needed.
 */
import { createServer, type Socket } from 'node:net';
import { EMPTY_TERMS, scorePassword, TermIndex, type BannedContext } from '../../main/domain/banned-passwords';
import { DomainError } from '../../main/domain/errors';
import { Secret } from '../../main/domain/secret';
import { withSession } from '../../main/directory/ldap/connection';
import { globalBannedTerms } from '../../main/reset/banned-list';
import { summarize, type Summary } from './stats';

/** One check per call, each timed on its own, over passwords that differ in every round. */
export async function bannedCheckCost(checks: number): Promise<Summary> {
  const context: BannedContext = {
    global: await globalBannedTerms(),
    custom: new TermIndex(['contoso', 'fabrikam']),
    names: ['Adele', 'Vance'],
    tenantName: 'Contoso',
  };
  scorePassword('warm-up', { ...context, custom: EMPTY_TERMS });
  const samples: number[] = [];
  for (let i = 0; i < checks; i++) {
    const password = `Hx4mRk9tPw3cYv${i % 10}${String.fromCharCode(97 + (i % 26))}`;
    const t0 = performance.now();
    scorePassword(password, context);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export interface UnreachableTimes {
  connectTimeoutMs: number;
  timeoutMs: number;
  closedPortMs: number;
  silentServerMs: number;
}

/** How long the product's LDAP session takes to answer DIRECTORY_UNREACHABLE, from the call to the error. */
async function timeToUnreachable(port: number, profile: { connectTimeoutMs: number; timeoutMs: number }): Promise<number> {
  const identity = { dn: 'cn=bench', password: new Secret('not-sent-anywhere') };
  const t0 = performance.now();
  try {
    await withSession({ urls: [`ldaps://127.0.0.1:${port}`], startTls: false, ...profile }, identity, async () => undefined);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'DIRECTORY_UNREACHABLE') return performance.now() - t0;
    throw error;
  }
  throw new Error(`127.0.0.1:${port} answered a bind: not the unreachable server this step needs`);
}

export async function unreachableDirectoryTimes(): Promise<UnreachableTimes> {
  const profile = { connectTimeoutMs: 800, timeoutMs: 800 };
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  // A port that was just free: nothing listens there once the probe server is closed.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  try {
    return {
      ...profile,
      closedPortMs: await timeToUnreachable(closedPort, profile),
      silentServerMs: await timeToUnreachable((silent.address() as { port: number }).port, profile),
    };
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
}
