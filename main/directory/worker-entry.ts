/**
 * Where a worker thread's code is. Built (dist/electron/*.cjs, where esbuild
 * turns import.meta.url into the bundle's own URL): `<name>.cjs` beside the
 * bundle that starts it. From source (tests and the Chromium target run the
 * .ts files): `<name>.ts` beside the starting file, with tsx loaded in the
 * thread, since a worker does not inherit the loader that let the parent read .ts.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** `here`: the starting module's import.meta.url; `source`: the worker's .ts path relative to it; `bundle`: its .cjs name. */
export function workerEntry(here: string, source: string, bundle: string): { url: URL; execArgv?: string[] } {
  if (!here.endsWith('.ts')) return { url: new URL(`./${bundle}`, here) };
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return { url: new URL(source, here), execArgv: ['--import', tsx] };
}
