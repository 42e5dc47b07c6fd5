/**
 * The replica bench's side of its child process (replica-probe.ts): bundles
 * the probe with the sync and search threads beside it (as the app's build
 * puts replica-sync-worker.cjs and search-worker.cjs beside main), forks it,
 * and asks it one thing at a time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from './directories';
import type { ProbeConfig, ProbeRequest } from './replica-probe';

/** Bundles into `cacheDir`/replica-probe/ (inside the repo, so packages resolve from node_modules); returns the probe's path. */
export async function bundleProbe(cacheDir: string): Promise<string> {
  const out = path.join(cacheDir, 'replica-probe');
  mkdirSync(out, { recursive: true });
  const common = { bundle: true, platform: 'node' as const, target: 'node22', packages: 'external' as const, logLevel: 'silent' as const };
  const sqlite = path.join(PROJECT_ROOT, 'main', 'directory', 'sqlite');
  await build({ ...common, entryPoints: [path.join(PROJECT_ROOT, 'main', 'app', 'replica', 'sync-worker.ts')], format: 'cjs', outfile: path.join(out, 'replica-sync-worker.cjs') });
  await build({ ...common, entryPoints: [path.join(sqlite, 'search-worker.ts')], format: 'cjs', outfile: path.join(out, 'search-worker.cjs') });
  const probe = path.join(out, 'replica-probe.mjs');
  await build({ ...common, entryPoints: [path.join(PROJECT_ROOT, 'scripts', 'bench', 'replica-probe.ts')], format: 'esm', outfile: probe });
  return probe;
}

export interface Probe {
  pid: number;
  ask<T>(request: ProbeRequest): Promise<T>;
  /** Closes the app in the child and waits for it to exit (kills it if it does not within 30 s). */
  close(): Promise<void>;
}

/** Starts the probe and signs the agent in (the config, passwords included, goes over the IPC channel, not the command line). */
export async function startProbe(probePath: string, config: ProbeConfig): Promise<Probe> {
  const child: ChildProcess = fork(probePath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const waiter = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(new Error(message.error));
  });
  void exited.then(() => {
    for (const waiter of waiting.values()) waiter.reject(new Error('the replica probe exited'));
    waiting.clear();
  });
  const send = <T>(message: object): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...message, id });
    });
  await send({ config });
  return {
    pid: child.pid!,
    ask: (request) => send({ request }),
    async close() {
      await send({ request: { kind: 'close' } }).catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
