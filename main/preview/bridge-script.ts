import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import * as esbuild from 'esbuild';
import { eventChannelOf } from '../ipc/event-names';
import type { AppEvents } from '../ipc/events';

/** The name of the Playwright binding the bridge calls (see bridge-entry.ts). */
export const BRIDGE_BINDING = '__resetdeskInvoke';

/** The page function the bridge installs to hand main's events to the page's handlers (see bridge-entry.ts). */
export const EVENT_DELIVERY = '__resetdeskEvent';

let cached: Promise<string> | null = null;

/** bridge-entry.ts bundled into one classic script for page.addInitScript (built once per process). */
export function bridgeScript(): Promise<string> {
  cached ??= esbuild
    .build({
      entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), 'bridge-entry.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2023',
      logLevel: 'silent',
    })
    .then((result) => result.outputFiles[0]!.text);
  return cached;
}

export interface EventDelivery {
  /** Resolves once every event emitted so far has reached the page (or found no page to reach). */
  delivered(): Promise<void>;
  stop(): void;
}

/**
 * The Chromium target's transport of main's events, as the Electron glue's
 * webContents.send: each one evaluated into the page's delivery function, on
 * its event's channel, one after another so they arrive in the order main sent
 * them. An event meeting a page that is loading (or closed) is lost, as one
 * sent to a reloading Electron window: the page reads the state when it loads.
 */
export function deliverEvents(page: Page, events: AppEvents): EventDelivery {
  let queue: Promise<void> = Promise.resolve();
  const stop = events.subscribe(({ name, payload }) => {
    const args = { delivery: EVENT_DELIVERY, channel: eventChannelOf(name), payload };
    queue = queue.then(() =>
      page
        .evaluate(({ delivery, channel, payload }) => {
          const deliver = (globalThis as unknown as Record<string, ((channel: string, payload: unknown) => void) | undefined>)[delivery];
          deliver?.(channel, payload);
        }, args)
        .catch(() => {}),
    );
  });
  return { delivered: () => queue, stop };
}
