/**
 * The loopback Samba AD DC and slapd are shared by every test file that uses
 * them, and the test runner runs two files at once: each such file holds this
 * lock (an atomic mkdir) from its first test to its last, so no two files reset
 * or unlock the same case users at the same time. A lock left by a killed run
 * is taken over after it has not been refreshed for a while.
 */
import { mkdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const REPO = new URL('../../', import.meta.url).pathname;
const LOCK = join(process.env.RESETDESK_DIRECTORIES_DIR ?? join(REPO, '.directories'), 'test.lock');
const STALE_MS = 120_000;

export async function lockServers(): Promise<() => void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      const refresh = setInterval(() => utimesSync(LOCK, new Date(), new Date()), 10_000);
      refresh.unref();
      return () => {
        clearInterval(refresh);
        rmSync(LOCK, { recursive: true, force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // gone meanwhile: try again
      }
      await sleep(100);
    }
  }
}
