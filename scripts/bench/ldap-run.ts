/**
 * `node --import tsx scripts/bench/ldap-run.ts [--quick]` (after `npm run
 * build`): the real-directories part of the bench alone (ldap-bench.ts). Puts
 * its section into BENCHMARKS.md in place of the previous one, leaving the rest
 * of the file as it is (--quick: into .bench-cache/BENCHMARKS.ldap.quick.md).
 * `npm run bench` runs the same step and appends the same section.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './directories';
import { LDAP_PLAN, LDAP_QUICK_PLAN, ldapBench, SECTION_TITLE } from './ldap-bench';
import { progress } from './stats';

/** The file with `section` in place of the one under the same title (up to the next "## "), or appended. */
export function withSection(markdown: string, section: string): string {
  const start = markdown.indexOf(`${SECTION_TITLE}\n`);
  if (start < 0) return `${markdown.trimEnd()}\n\n${section.trimEnd()}\n`;
  const next = markdown.indexOf('\n## ', start + SECTION_TITLE.length);
  const rest = next < 0 ? '' : markdown.slice(next + 1);
  return `${markdown.slice(0, start)}${section.trimEnd()}\n${rest ? `\n${rest}` : ''}`;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const cache = path.join(PROJECT_ROOT, '.bench-cache');
  mkdirSync(cache, { recursive: true });
  const section = await ldapBench(cache, quick ? LDAP_QUICK_PLAN : LDAP_PLAN);
  const out = quick ? path.join(cache, 'BENCHMARKS.ldap.quick.md') : path.join(PROJECT_ROOT, 'BENCHMARKS.md');
  const before = !quick && existsSync(out) ? readFileSync(out, 'utf8') : '';
  writeFileSync(out, quick ? section : withSection(before, section));
  process.stdout.write(`${section}\n`);
  progress(`wrote ${path.relative(PROJECT_ROOT, out)}`);
  process.exit(0); // the Chromium target's search thread may outlive its close (run.ts says the same)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench (LDAP): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
