import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/** The name of the Playwright binding the bridge calls (see bridge-entry.ts). */
export const BRIDGE_BINDING = '__resetdeskInvoke';

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
