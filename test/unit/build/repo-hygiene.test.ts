import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * What a newcomer meets on a fresh clone (issue 8, item 11): `npm install`
 * must leave the tree clean, and the code must not send them to files that
 * are not in the repository.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface LockEntry {
  hasInstallScript?: boolean;
  dev?: boolean;
  optional?: boolean;
}

/** What npm records as hasInstallScript: an install script, or a binding.gyp that implies one. */
function hasInstallScript(dir: string): boolean {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const scripts = manifest.scripts ?? {};
  return Boolean(scripts.preinstall || scripts.install || scripts.postinstall) || existsSync(join(dir, 'binding.gyp'));
}

test('package-lock.json says which packages have install scripts, as npm install would write it', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const wrong: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || !existsSync(join(ROOT, path, 'package.json'))) continue; // the root, or not installed here
    if (hasInstallScript(join(ROOT, path)) !== (entry.hasInstallScript === true)) wrong.push(path);
  }
  assert.deepEqual(wrong, [], 'these entries would be rewritten by npm install');
});

test('no source file cites a path outside the repository', () => {
  const files = execFileSync('git', ['ls-files', 'main', 'renderer', 'preload', 'test', 'scripts', 'bin'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|tsx|mjs|js|cjs)$/.test(f));
  const citing = files.filter((f) => f !== 'test/unit/build/repo-hygiene.test.ts' && /\bshared\/(seeds|reference)\b/.test(readFileSync(join(ROOT, f), 'utf8')));
  assert.deepEqual(citing, [], 'shared/ lies outside the repository: cite the public source instead');
});
