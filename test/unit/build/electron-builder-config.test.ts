/**
 * electron-builder.yml: valid against electron-builder's own JSON schema
 * (app-builder-lib/scheme.json, the one electron-builder validates with), the
 * fuses and packaging settings the security checklist asks for, and the
 * per-platform `files` filters shipping only the matching better-sqlite3 binary.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import yaml from 'js-yaml';
import type { Configuration } from 'electron-builder';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const configPath = path.join(root, 'electron-builder.yml');

const require = createRequire(import.meta.url);
/** Resolves as electron-builder does (app-builder-lib is its dependency, not ours). */
const builderRequire = createRequire(require.resolve('electron-builder'));

function loadConfig(): Configuration {
  // electron-builder itself reads .yml files with js-yaml's load().
  const parsed = yaml.load(readFileSync(configPath, 'utf8'));
  assert.ok(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), 'the YAML is a mapping');
  return parsed as Configuration;
}

function loadSchema(): object {
  return JSON.parse(readFileSync(builderRequire.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
}

/**
 * Same Ajv options as app-builder-lib's schemaValidator, except coerceTypes:
 * electron-builder would coerce "true" to true; here such a value is an error.
 */
function compileValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(loadSchema());
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}

test('electron-builder.yml is valid against app-builder-lib/scheme.json', () => {
  const validate = compileValidator();
  const config = loadConfig();
  assert.equal(validate(config), true, describeErrors(validate.errors));
});

test('the schema check is not vacuous: mistakes in the file are rejected', () => {
  const validate = compileValidator();
  const mistakes: Record<string, (c: Record<string, unknown>) => void> = {
    'unknown top-level key': (c) => {
      c.electronFusez = {};
    },
    'unknown fuse': (c) => {
      c.electronFuses = { ...(c.electronFuses as object), runAsNodee: false };
    },
    'fuse as a string': (c) => {
      c.electronFuses = { ...(c.electronFuses as object), runAsNode: 'false' };
    },
    'asar as a number': (c) => {
      c.asar = 1;
    },
    'unknown mac option': (c) => {
      c.mac = { ...(c.mac as object), hardenedRuntim: true };
    },
  };
  for (const [name, mutate] of Object.entries(mistakes)) {
    const copy = structuredClone(loadConfig()) as unknown as Record<string, unknown>;
    mutate(copy);
    assert.equal(validate(copy), false, `${name} should be rejected`);
  }
});

test('identity, output folder and targets', () => {
  const config = loadConfig();
  assert.equal(config.appId, 'com.resetdesk.app');
  assert.equal(config.productName, 'Resetdesk');
  assert.equal(config.directories?.output, 'release');
  const targetsOf = (t: unknown) => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));
  assert.deepEqual(targetsOf(config.linux?.target).sort(), ['AppImage', 'deb']);
  assert.deepEqual(targetsOf(config.win?.target), ['nsis']);
  assert.deepEqual(targetsOf(config.mac?.target), ['dmg']);
  assert.equal(config.mac?.hardenedRuntime, true);
});

test('asar with native addons unpacked, no rebuild against Electron', () => {
  const config = loadConfig();
  assert.equal(config.asar, true);
  assert.deepEqual(config.asarUnpack, ['**/*.node']);
  assert.equal(config.npmRebuild, false);
});

test('the unpacked addons, outside asar integrity, are code-signed where the platform signs them', () => {
  const config = loadConfig();
  // Windows: Authenticode on the .node files too, not only the .exe.
  const win = config.win as { signExts?: string[] } | undefined;
  assert.ok(win?.signExts?.includes('.node'), 'win.signExts covers .node');
  // macOS: the hardened runtime's library validation refuses a changed, re-signed or unsigned .node.
  assert.equal(config.mac?.hardenedRuntime, true);
});

test('each platform lists the app files itself, and there is no top-level list', () => {
  const config = loadConfig();
  // A top-level list next to platform lists becomes two matchers in
  // electron-builder; one made only of "!" patterns then matches "**/*".
  assert.equal(config.files, undefined);
  for (const platform of ['linux', 'win', 'mac'] as const) {
    const files = config[platform]?.files;
    assert.ok(Array.isArray(files) && files.every((f) => typeof f === 'string'), `${platform}.files is a list of strings`);
    for (const required of ['dist/**/*', 'package.json', 'node_modules/**/*']) {
      assert.ok(files.includes(required), `${platform}.files includes ${required}`);
    }
    assert.ok(files.some((f) => !f.startsWith('!')), `${platform}.files has an inclusive pattern`);
  }
});

test('Electron fuses are flipped as the security checklist says', () => {
  assert.deepEqual(loadConfig().electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

// --- which better-sqlite3 files each platform ships --------------------------

interface FileMatcherLike {
  macroExpander: (pattern: string) => string;
  patterns: string[];
  createFilter(): (file: string, stat: StatLike) => boolean;
}
interface StatLike {
  isDirectory(): boolean;
  moduleFullFilePath: string;
}
interface FileMatcherModule {
  FileMatcher: new (from: string, to: string, expand: (p: string) => string, patterns: string[]) => FileMatcherLike;
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    expand: (p: string) => string,
    platformOptions: unknown,
    packager: unknown,
  ): FileMatcherLike;
}
interface MacroModule {
  expandMacro(pattern: string, arch: string, appInfo: unknown, extra?: unknown): string;
}

/** app-builder-lib's internals, or the reason they cannot be used. */
function loadMatcherInternals(): { fm: FileMatcherModule; macro: MacroModule } | string {
  try {
    return {
      fm: builderRequire('app-builder-lib/out/fileMatcher.js') as FileMatcherModule,
      macro: builderRequire('app-builder-lib/out/util/macroExpander.js') as MacroModule,
    };
  } catch (error) {
    return `app-builder-lib internals moved (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * Replays what electron-builder does for a production dependency
 * (appFileCopier.computeNodeModuleFileSets): the exclusions of the top-level and
 * platform `files`, macros expanded for `arch`, matched against the path the
 * file would get in the app ("node_modules/better-sqlite3/...").
 */
function shippedFilter(
  internals: { fm: FileMatcherModule; macro: MacroModule },
  platform: 'linux' | 'win' | 'mac',
  arch: string,
): (relativeToModule: string) => boolean {
  const config = loadConfig();
  const appDir = root;
  const destination = path.join(root, 'app');
  const expand = (pattern: string) => internals.macro.expandMacro(pattern, arch, { productName: 'Resetdesk' }, {});
  const moduleMatcher = internals.fm.getNodeModuleFileMatcher(appDir, destination, expand, config[platform] ?? {}, {
    config,
    debugLogger: { isEnabled: false },
  });
  const depDir = path.join(appDir, 'node_modules', 'better-sqlite3');
  const filter = new internals.fm.FileMatcher(
    depDir,
    path.join(destination, 'node_modules', 'better-sqlite3'),
    moduleMatcher.macroExpander,
    moduleMatcher.patterns,
  ).createFilter();
  return (relative) =>
    filter(path.join(depDir, relative), {
      isDirectory: () => false,
      moduleFullFilePath: path.posix.join('node_modules/better-sqlite3', relative),
    });
}

const prebuilds = readdirSync(path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'prebuilds'))
  .filter((name) => name.endsWith('.node'))
  .sort();

const EXPECTED: [platform: 'linux' | 'win' | 'mac', arch: string, file: string][] = [
  ['linux', 'x64', 'linux-x64.node'],
  ['linux', 'arm64', 'linux-arm64.node'],
  ['win', 'x64', 'win32-x64.node'],
  ['win', 'arm64', 'win32-arm64.node'],
  ['mac', 'x64', 'darwin-x64.node'],
  ['mac', 'arm64', 'darwin-arm64.node'],
];

test('each platform and arch ships only its own better-sqlite3 prebuild', (t) => {
  const internals = loadMatcherInternals();
  if (typeof internals === 'string') {
    t.skip(internals);
    return;
  }
  assert.ok(prebuilds.length >= 6, `better-sqlite3 ships prebuilds (found ${prebuilds.join(', ')})`);
  for (const [platform, arch, file] of EXPECTED) {
    const ships = shippedFilter(internals, platform, arch);
    const shipped = prebuilds.filter((name) => ships(`prebuilds/${name}`));
    assert.deepEqual(shipped, [file], `${platform} ${arch}`);
    // The JavaScript stays; the C sources do not.
    assert.equal(ships('lib/index.js'), true, `${platform} ${arch} keeps lib/index.js`);
    assert.equal(ships('package.json'), true, `${platform} ${arch} keeps package.json`);
    assert.equal(ships('deps/sqlite3/sqlite3.c'), false, `${platform} ${arch} drops deps/`);
  }
});
