// `npm run lint:electron`: Electronegativity (Doyensec's Electron security
// linter) over the Electron glue, the preload and the renderer, failing on any
// finding of severity MEDIUM or above.
//
// Why a script and not the bare CLI:
// - the CLI exits 0 whatever it finds, and its -s filter only trims the table;
// - it takes one input, and its global checks (navigation limits, permission
//   handler, CSP) reason over all findings of one run, so the folders have to
//   be scanned together: they are copied into one temporary folder;
// - it reads only .js/.jsx/.ts/.tsx/.html (not the .cjs bundles in dist/), and
//   its parser cannot walk ES2022 class private fields (#x), which the main
//   bundle has: the main process and the preload are bundled again here from
//   the same entries, as .js, with those fields lowered (esbuild, es2019);
// - a file it cannot parse is skipped with a console line; here it is a failure,
//   since an unparsed file is an unchecked one;
// - its CSP check only reads policies written as string literals (ours is built
//   in renderer-path.ts) and rates even a weak policy LOW, so the real policies
//   are also evaluated here, with the same evaluator, failing on its HIGH,
//   MEDIUM and syntax findings.
//
// Run with tsx (`node --import tsx`) so renderer-path.ts can be imported.
//
// Excluded: AvailableSecurityFixesGlobalCheck only (it downloads Electron's
// release list, and there is no network here; `npm outdated electron` covers it).
// Single findings reviewed as unavoidable are marked in the source with
// Electronegativity's own `// eng-disable CHECK_ID` comment next to a reason;
// this script lists every such mark so none goes unnoticed.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, newStyleNonce } from '../main/desktop/renderer-path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const { severity: SEVERITY } = require('@doyensec/electronegativity/dist/finder/attributes');
const cspEvaluator = require('@doyensec/csp-evaluator');

const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const FAIL_AT = SEVERITY.MEDIUM;
/** Sources, scanned as they are (Electronegativity parses TypeScript and TSX). */
const SOURCE_DIRS = ['main/electron', 'preload', 'renderer'];
/**
 * The main process and the preload bundled as scripts/build.mjs bundles them
 * (so what main/ipc/** and the preload's imports do is scanned too), but into
 * the staging folder, so the scan never reads a stale dist/.
 */
const BUNDLES = [
  { entry: 'main/electron/main.ts', staged: 'bundle/electron-main.js', options: { platform: 'node', packages: 'external' } },
  { entry: 'preload/index.ts', staged: 'bundle/preload.js', options: { platform: 'browser' } },
];
const SCANNED = /\.(?:[jt]sx?|html?)$/i;

const staging = mkdtempSync(path.join(tmpdir(), 'resetdesk-electronegativity-'));
/** staged relative path -> project relative path, to report findings where they are. */
const origin = new Map();

function stage(from, to = from) {
  cpSync(path.join(root, from), path.join(staging, to));
  origin.set(to.split(path.sep).join('/'), from);
}

function stageDir(dir) {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    const relative = path.relative(root, path.join(entry.parentPath, entry.name));
    if (!entry.isFile() || relative.split(path.sep).includes('node_modules') || !SCANNED.test(entry.name)) continue;
    stage(relative);
  }
}

/** Bundles with syntax the scanner can walk (ES2022 private fields lowered). */
async function stageBundles() {
  mkdirSync(path.join(staging, 'bundle'));
  for (const { entry, staged, options } of BUNDLES) {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: path.join(staging, staged),
      bundle: true,
      format: 'cjs',
      target: 'es2019',
      external: ['electron'],
      define: { 'import.meta.url': '__filename' },
      logLevel: 'error',
      ...options,
    });
    origin.set(staged, `${entry} (bundled)`);
  }
}

/** The CSP findings that fail: the evaluator's HIGH, MEDIUM and syntax ones; the rest are notes. */
function evaluatePolicies() {
  const { severities } = cspEvaluator;
  const failing = new Set([severities.HIGH, severities.SYNTAX, severities.MEDIUM]);
  const name = Object.fromEntries(Object.entries(severities).map(([k, v]) => [v, k]));
  const results = [];
  for (const [label, policy] of [
    ['CONTENT_SECURITY_POLICY (files)', CONTENT_SECURITY_POLICY],
    ['contentSecurityPolicy(nonce) (pages)', contentSecurityPolicy(newStyleNonce())],
  ]) {
    const parsed = new cspEvaluator.CspParser(policy);
    for (const f of new cspEvaluator.CspEvaluator(parsed.csp, cspEvaluator.Version.CSP3).evaluate()) {
      results.push({ failing: failing.has(f.severity), text: `${label}: [${name[f.severity]}] ${f.directive}: ${f.description}` });
    }
  }
  return results;
}

/** Every `eng-disable` mark in the staged sources, with its line. */
function inlineSuppressions() {
  const marks = [];
  for (const [staged, from] of origin) {
    readFileSync(path.join(staging, staged), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // Electronegativity's own pattern (dist/util/exceptions.js).
        const mark = /(?:\/\*|\/\/)[ \t]*eng-disable[ \t]+([\w \t]+)/i.exec(line);
        if (mark) marks.push(`${from}:${i + 1} ${mark[1].trim()}`);
      });
  }
  return marks;
}

/** Stages, scans and prints; true when nothing fails. */
async function scan() {
  for (const dir of SOURCE_DIRS) stageDir(dir);
  await stageBundles();
  // The installed Electron, not the oldest one package.json's range allows.
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const result = await run({
    input: staging,
    excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
    severitySet: 'informational', // filtered below: the runner only applies it to its own table
    confidenceSet: 'tentative',
    isRelative: true,
    isVerbose: true,
    electronVersionOverride: electronVersion,
  });

  const where = (file) => (file === 'N/A' ? '(whole app)' : (origin.get(file.split(path.sep).join('/')) ?? file));
  const unparsed = result.errors.filter((e) => !e.tolerable);
  for (const error of unparsed) {
    console.error(`electronegativity: could not parse ${where(path.relative(staging, error.file))}: ${error.message}`);
  }
  const findings = result.issues.filter((i) => i.severity.value >= FAIL_AT.value);
  const notes = result.issues.filter((i) => i.severity.value < FAIL_AT.value);

  console.log(
    `electronegativity ${require('@doyensec/electronegativity/package.json').version}: ` +
      `${result.atomicChecks} atomic + ${result.globalChecks} global checks, Electron ${electronVersion}, ` +
      `${origin.size} files (${SOURCE_DIRS.join(', ')}, main and preload bundles); excluded: ${EXCLUDED_CHECKS.join(', ')}`,
  );
  for (const issue of [...findings, ...notes]) {
    const failing = issue.severity.value >= FAIL_AT.value;
    console.log(
      `${failing ? 'FINDING' : 'note   '} ${issue.id} [${issue.severity.name}/${issue.confidence.name}] ` +
        `${where(issue.file)}:${issue.location.line}:${issue.location.column}\n` +
        `        ${issue.description}${issue.sample ? `\n        > ${issue.sample}` : ''}\n        ${issue.shortenedURL}`,
    );
  }
  if (notes.some((i) => i.id === 'CSP_GLOBAL_CHECK')) {
    console.log('        (CSP_GLOBAL_CHECK reads only string literals; ours is a constant, evaluated below.)');
  }
  for (const mark of inlineSuppressions()) console.log(`reviewed (eng-disable) ${mark}`);
  const csp = evaluatePolicies();
  for (const f of csp) console.log(`${f.failing ? 'FINDING' : 'note   '} CSP ${f.text}`);
  const cspFailures = csp.filter((f) => f.failing).length;
  const failed = findings.length > 0 || unparsed.length > 0 || cspFailures > 0;
  console.log(
    failed
      ? `electronegativity: FAILED, ${findings.length} finding(s) of severity ${FAIL_AT.name} or above, ` +
          `${cspFailures} CSP finding(s), ${unparsed.length} unparsed file(s)`
      : `electronegativity: no finding of severity ${FAIL_AT.name} or above, no weak CSP ` +
          `(${notes.length + csp.length} lower-severity note(s))`,
  );
  return !failed;
}

const passed = await scan().finally(() => rmSync(staging, { recursive: true, force: true }));
process.exitCode = passed ? 0 : 1;
