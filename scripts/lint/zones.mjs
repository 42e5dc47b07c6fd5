// The layers, as a table: for every folder of main/, preload/ and renderer/,
// which folders its files may import, which Node built-ins and which
// packages. Every arrow points down:
//
//   front ends      main/electron, main/cli, main/preview, main/server, preload, renderer
//   main/desktop    the window's main side, composed once for Electron and the preview
//   main/ipc        the contract, dispatcher and handlers
//   main/app        the Services builder, hosts, orchestration, the replica's sync
//   main/reset      Entra's rules and the use cases: no Electron, no SQL
//   main/directory  main/delivery  main/secrets  main/postgres   beside each
//                   other; delivery may use secrets (its SMTP/SMS credentials,
//                   the outbox's sealing), none of the others another
//   main/domain     the bottom: types, errors, policy; no Node, no SQLite, no Electron
//
// A folder's own files may always import each other. `imports` lists other
// folders; 'x/**' is x and every folder below it. A target is judged by the
// folder it resolves to (scripts/lint/imports.mjs), never by how the
// specifier is spelled. Checked by scripts/lint/layers.mjs in `npm run lint`,
// tested in test/unit/build/lint-arrows.test.ts (which also checks that every
// folder on disk has a row here).

/** Every built-in: the layers that run under Node and may use any of it. */
export const ANY = '*';

const DOMAIN = ['main/domain', 'main/domain/stores'];
const STORES = ['main/directory', 'main/delivery', 'main/secrets'];
/** Everything below the IPC layer except the SQLite provider's insides. */
const BELOW_IPC = ['main/app/**', 'main/reset/**', 'main/directory', 'main/directory/ldap', 'main/delivery/**', 'main/secrets', ...DOMAIN];
/** Everything below the front ends. */
const BELOW_FRONT_ENDS = ['main/ipc', 'main/app/**', 'main/reset/**', 'main/directory/**', 'main/delivery/**', 'main/secrets', 'main/postgres/**', ...DOMAIN];

/**
 * What the renderer may take from main: the contract (types and schemas), the
 * method list, the API's type, and the domain pieces it uses today. Anything
 * else of main is Node code the browser cannot run.
 */
const RENDERER_FROM_MAIN = [
  'main/ipc/contract.ts',
  'main/ipc/methods.ts',
  'main/ipc/api.ts',
  'main/domain/audit-facts.ts',
  'main/domain/audit-words.ts',
  'main/domain/caller-check.ts',
  'main/domain/disabled-account.ts',
  'main/domain/errors.ts',
  'main/domain/password-policy.ts',
  'main/domain/replica-status.ts',
  'main/domain/roles.ts',
  'main/domain/temporary-passwords.ts',
  'main/domain/time.ts',
  'main/domain/types.ts',
  'main/domain/user-filter.ts',
];
const RENDERER_PACKAGES = ['react', 'react-dom', '@fluentui/react-components', '@tanstack/react-virtual', 'zustand'];

/**
 * folder → { imports: folders ('x', 'x/**') or root-relative files it may import, builtins: ANY or the
 * node: modules it may use, packages: the packages it may use }.
 */
export const ZONES = {
  // --- the bottom
  'main/domain': { imports: [], builtins: [], packages: ['zod'] },
  // The store ports (what every directory shares, whoever keeps it): on the domain's types, nothing else.
  'main/domain/stores': { imports: ['main/domain'], builtins: [], packages: [] },

  // --- beside each other, on the domain
  'main/secrets': { imports: DOMAIN, builtins: ANY, packages: [] },
  'main/directory': { imports: DOMAIN, builtins: ANY, packages: [] },
  'main/directory/sqlite': { imports: ['main/directory', ...DOMAIN], builtins: ANY, packages: ['better-sqlite3'] },
  // The LDAP providers stand beside the embedded one, never on it.
  'main/directory/ldap': { imports: ['main/directory', ...DOMAIN], builtins: ANY, packages: ['ldapts', 'zod'] },
  'main/delivery': { imports: ['main/delivery/outbox', 'main/secrets', ...DOMAIN], builtins: ANY, packages: ['nodemailer', 'zod'] },
  // The sample's loopback outbox: started by delivery, never the other way.
  'main/delivery/outbox': { imports: ['main/secrets', ...DOMAIN], builtins: ANY, packages: ['mailparser', 'selfsigned', 'smtp-server'] },
  // The team's store on PostgreSQL; its numbered migrations build on the connection, not the other way.
  'main/postgres': { imports: DOMAIN, builtins: ANY, packages: ['pg'] },
  'main/postgres/migrations': { imports: ['main/postgres', ...DOMAIN], builtins: ANY, packages: ['pg'] },

  // --- the rules: no Electron, no SQL, no file or socket of their own
  'main/reset': { imports: ['main/directory', ...DOMAIN], builtins: ['node:crypto'], packages: ['@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'] },
  // Caller verification builds on the rules and sends through delivery.
  'main/reset/verification': { imports: ['main/reset', ...STORES, ...DOMAIN], builtins: ['node:crypto'], packages: ['otpauth'] },

  // --- the app layer: composition, hosts, orchestration (may open every provider)
  'main/app': {
    imports: ['main/app/replica', 'main/app/sample', 'main/reset/**', 'main/directory/**', 'main/delivery/**', 'main/secrets', 'main/postgres/**', ...DOMAIN],
    builtins: ANY,
    packages: ['zod'],
  },
  'main/app/replica': { imports: ['main/reset/**', 'main/directory/**', 'main/delivery/**', 'main/secrets', ...DOMAIN], builtins: ANY, packages: ['better-sqlite3'] },
  'main/app/sample': { imports: ['main/reset/**', 'main/directory/**', 'main/delivery/**', 'main/secrets', ...DOMAIN], builtins: ANY, packages: [] },

  // --- IPC: contract, dispatcher, handlers (users through UserDirectory, never SQLite's insides)
  'main/ipc': { imports: BELOW_IPC, builtins: ANY, packages: ['zod'] },

  // --- the desktop's composition (start-desktop.ts, its settings, the app:// origin): Electron's and the preview's
  'main/desktop': { imports: BELOW_FRONT_ENDS, builtins: ANY, packages: ['zod'] },

  // --- front ends (composition roots): never each other
  'main/electron': { imports: [...BELOW_FRONT_ENDS, 'main/desktop'], builtins: ANY, packages: ['electron'] },
  // The CLI's --version reads package.json.
  'main/cli': { imports: [...BELOW_FRONT_ENDS, 'package.json'], builtins: ANY, packages: ['zod'] },
  // The Chromium preview: the same desktop composition in a Playwright-driven Chromium.
  'main/preview': { imports: [...BELOW_FRONT_ENDS, 'main/desktop'], builtins: ANY, packages: ['@playwright/test', 'esbuild'] },
  'main/server': { imports: BELOW_FRONT_ENDS, builtins: ANY, packages: [] },
  // Sandboxed preload: contextBridge and the typed API, nothing of Node.
  preload: { imports: ['main/ipc/api.ts', 'main/ipc/methods.ts', 'main/ipc/contract.ts'], builtins: [], packages: ['electron'] },
  // Browser code: itself, the contract and the domain pieces above.
  'renderer/**': { imports: ['renderer/**', ...RENDERER_FROM_MAIN], builtins: [], packages: RENDERER_PACKAGES },
};

/**
 * Tests and scripts stand outside the layers: they may import any folder,
 * but never a module that loads Electron (they run under plain Node), and
 * nothing in main/ may import them (no zone above lists test/ or scripts/).
 */
export const OUTSIDE = ['test/**', 'scripts/**'];

/** The zone row a root-relative folder falls in, with its key, or null. */
export function zoneOf(folder) {
  if (ZONES[folder]) return { key: folder, zone: ZONES[folder] };
  for (const [key, zone] of Object.entries(ZONES)) {
    if (key.endsWith('/**') && covers(key, folder)) return { key, zone };
  }
  return null;
}

/** Whether a pattern ('a/b', 'a/b/**' or 'a/b/file.ts') covers a root-relative folder or file. */
export function covers(pattern, path) {
  if (pattern.endsWith('/**')) {
    const base = pattern.slice(0, -3);
    return path === base || path.startsWith(`${base}/`);
  }
  return path === pattern;
}

/** Whether a path is under one of the OUTSIDE trees. */
export function isOutside(path) {
  return OUTSIDE.some((pattern) => covers(pattern, path));
}
