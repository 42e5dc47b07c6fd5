// What a source file imports, each specifier resolved to a real path.
//
// Shared by the layering rule (scripts/lint/layers.mjs, run by `npm run lint`)
// and the cycle check, so both read the same arrows. Every form of import
// counts: static `import` and `export … from`, `import type`, `import()`,
// `require()`, `import x = require()` and TypeScript's `import('x').T` types.
// A relative specifier is resolved from the importing file and normalised, so
// a path that climbs out and back in (`../../main/domain/../reset/engine`)
// is judged by where it lands, not by how it is spelled.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

/** The extensions tried, in order, for a specifier written without one (the bundler's order). */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'];
/** The source files the graph reads. */
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/**
 * The string a module-loading node names, or null when the node loads no
 * module or names it with a computed expression (`import(name)`: nothing to
 * check, as with secret-store.ts's optional keytar).
 */
export function specifierOf(node) {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
    case 'ImportExpression':
      return literal(node.source);
    case 'CallExpression':
      return node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1 ? literal(node.arguments[0]) : null;
    case 'TSImportType':
      return literal(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument);
    case 'TSExternalModuleReference':
      return literal(node.expression);
    default:
      return null;
  }
}

/** The node types specifierOf reads: the selectors a lint rule listens on. */
export const IMPORT_NODE_TYPES = [
  'ImportDeclaration',
  'ExportNamedDeclaration',
  'ExportAllDeclaration',
  'ImportExpression',
  'CallExpression',
  'TSImportType',
  'TSExternalModuleReference',
];

/** Whether a module-loading node is erased at build time (`import type`, `export type … from`, `import('x').T`). */
export function isTypeOnly(node) {
  if (node.type === 'ImportDeclaration') return node.importKind === 'type';
  if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') return node.exportKind === 'type';
  return node.type === 'TSImportType';
}

function literal(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

/**
 * Where a specifier leads:
 *   { kind: 'file', path }      a relative or absolute path, resolved and
 *                               normalised (absolute; the file itself when it
 *                               exists with one of EXTENSIONS or as a folder's
 *                               index, else the normalised path as written)
 *   { kind: 'builtin', name }   a Node built-in, always as 'node:name'
 *   { kind: 'package', name }   a package ('zod', '@scope/name')
 */
export function resolveSpecifier(fromFile, specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    return { kind: 'file', path: resolveFile(resolve(dirname(fromFile), specifier)) };
  }
  if (specifier.startsWith('node:') || isBuiltin(specifier)) {
    return { kind: 'builtin', name: `node:${specifier.replace(/^node:/, '').split('/')[0]}` };
  }
  const parts = specifier.split('/');
  return { kind: 'package', name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

function resolveFile(path) {
  if (isFile(path)) return path;
  for (const ext of EXTENSIONS) if (isFile(path + ext)) return path + ext;
  // A `.js` specifier naming a TypeScript file (the node16 habit).
  if (/\.[cm]?js$/.test(path)) {
    const base = path.replace(/\.([cm]?)js$/, '.$1ts');
    if (isFile(base)) return base;
  }
  for (const ext of EXTENSIONS) if (isFile(join(path, `index${ext}`))) return join(path, `index${ext}`);
  return path;
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Every import-like node of a parsed program, with its specifier. */
export function importsOf(ast, visitorKeys) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    const specifier = specifierOf(node);
    if (specifier !== null) found.push({ node, specifier });
    for (const key of visitorKeys[node.type] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  visit(ast);
  return found;
}

/**
 * What a source file imports: the files (relative specifiers, resolved, types
 * included) and the packages and built-ins it loads at run time (by name).
 */
export function readImports(file, code = readFileSync(file, 'utf8')) {
  const { ast, visitorKeys } = tseslint.parser.parseForESLint(code, {
    filePath: file,
    ecmaVersion: 'latest',
    sourceType: 'module',
    ecmaFeatures: { jsx: file.endsWith('x') },
    range: true,
    loc: true,
  });
  const files = new Set();
  const modules = new Set();
  for (const { node, specifier } of importsOf(ast, visitorKeys)) {
    const to = resolveSpecifier(file, specifier);
    if (to.kind === 'file') files.add(to.path);
    else if (!isTypeOnly(node)) modules.add(to.name);
  }
  return { files: [...files], modules: [...modules] };
}

/**
 * The files a source file imports, from TypeScript's import scanner (every
 * form above, without building a syntax tree: ten times faster than parsing,
 * for the graph of the files not being linted).
 */
export function scanFileImports(file, code = readFileSync(file, 'utf8')) {
  const targets = new Set();
  for (const { fileName } of ts.preProcessFile(code, true, true).importedFiles) {
    const to = resolveSpecifier(file, fileName);
    if (to.kind === 'file') targets.add(to.path);
  }
  return [...targets];
}

/** Every source file under the given folders of root (absolute paths). */
export function sourceFiles(root, folders) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const folder of folders) if (existsSync(join(root, folder))) walk(join(root, folder));
  return files.sort();
}

/** root-relative, with forward slashes, for messages and the zone table. */
export function rel(root, path) {
  return relative(root, path).split(sep).join('/');
}
