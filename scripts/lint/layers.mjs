// ESLint plugin `resetdesk`: the layers' arrows, checked on resolved paths.
//
//   resetdesk/layers    every import of a file in main/, preload/ or renderer/
//                       must land in a folder, built-in or package its zone
//                       allows (scripts/lint/zones.mjs); tests and scripts may
//                       import anything but a module that loads Electron.
//   resetdesk/no-cycle  no import cycle between files (main/, preload/,
//                       renderer/), none between the folders of main/.
//
// Both see every form of import (scripts/lint/imports.mjs) and judge it by
// the path it resolves to, as Signal Desktop's and VS Code's layering rules
// do: `../../main/domain/../reset/engine` is main/reset/engine.
import { dirname } from 'node:path';
import { ImportGraph } from './graph.mjs';
import { IMPORT_NODE_TYPES, importsOf, rel, resolveSpecifier, specifierOf } from './imports.mjs';
import { ANY, covers, isOutside, zoneOf } from './zones.mjs';

/** Folders whose files the cycle rule checks, and folders whose cycles count as folder cycles. */
const GRAPH_ROOTS = ['main/**', 'preload/**', 'renderer/**'];
const FOLDER_CYCLE_ROOTS = ['main/**', 'preload/**'];

const graphs = new Map();
function graphFor(root) {
  if (!graphs.has(root)) graphs.set(root, new ImportGraph(root));
  return graphs.get(root);
}

/** Calls `check(node, specifier)` for every import-like node with a literal specifier. */
function onEveryImport(check) {
  const visitor = (node) => {
    const specifier = specifierOf(node);
    if (specifier !== null) check(node, specifier);
  };
  return Object.fromEntries(IMPORT_NODE_TYPES.map((type) => [type, visitor]));
}

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer table (scripts/lint/zones.mjs), judged on resolved paths.' },
    schema: [],
    messages: {
      noZone: '{{folder}} has no row in the layer table (scripts/lint/zones.mjs): add one saying what it may import.',
      folder: "{{zone}} may not import {{target}}: the arrows point down, and {{zone}} may import only {{allowed}} (scripts/lint/zones.mjs).",
      builtin: "{{zone}} may not use {{name}}: {{why}} (scripts/lint/zones.mjs).",
      package: "{{zone}} may not use the package '{{name}}'; it may use {{allowed}} (scripts/lint/zones.mjs).",
      electronInTests: '{{target}} loads Electron; tests and scripts run under plain Node and may import any of main/ but that.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const path = rel(root, file);
    if (path.startsWith('..')) return {};
    const folder = rel(root, dirname(file));

    if (isOutside(path)) {
      const graph = graphFor(root);
      return onEveryImport((node, specifier) => {
        const to = resolveSpecifier(file, specifier);
        if (to.kind !== 'file') return;
        const target = rel(root, to.path);
        if (!GRAPH_ROOTS.some((pattern) => covers(pattern, target))) return;
        if (loadsElectron(graph, to.path)) context.report({ node, messageId: 'electronInTests', data: { target } });
      });
    }

    if (!GRAPH_ROOTS.some((pattern) => covers(pattern, path))) return {};
    const found = zoneOf(folder);
    if (!found) {
      return { Program: (node) => context.report({ node, messageId: 'noZone', data: { folder } }) };
    }
    const { key, zone } = found;
    const name = key.replace(/\/\*\*$/, '');

    return onEveryImport((node, specifier) => {
      const to = resolveSpecifier(file, specifier);
      if (to.kind === 'file') {
        const target = rel(root, to.path);
        if (target.startsWith('..')) return;
        const targetFolder = rel(root, dirname(to.path));
        if (targetFolder === folder) return;
        if (zone.imports.some((pattern) => covers(pattern, targetFolder) || covers(pattern, target))) return;
        context.report({ node, messageId: 'folder', data: { zone: name, target, allowed: list(zone.imports) } });
      } else if (to.kind === 'builtin') {
        if (zone.builtins === ANY || zone.builtins.includes(to.name)) return;
        const why = zone.builtins.length === 0 ? `${name} runs without Node` : `${name} may use only ${zone.builtins.join(', ')}`;
        context.report({ node, messageId: 'builtin', data: { zone: name, name: to.name, why } });
      } else if (!zone.packages.includes(to.name)) {
        context.report({ node, messageId: 'package', data: { zone: name, name: to.name, allowed: list(zone.packages) } });
      }
    });
  },
};

function list(items) {
  return items.length === 0 ? 'nothing else' : items.join(', ');
}

/** Whether a module loads 'electron' itself at run time (read from disk; a type alone is erased). */
function loadsElectron(graph, file) {
  return graph.modules(file).includes('electron');
}

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycle between files, none between the folders of main/.' },
    schema: [],
    messages: {
      files: 'Import cycle: {{cycle}}. Move what both need below both, so the arrows point one way.',
      folders: 'Folder cycle: {{cycle}}. Arrows between folders point one way only.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const path = rel(root, file);
    if (path.startsWith('..') || !GRAPH_ROOTS.some((pattern) => covers(pattern, path))) return {};
    const graph = graphFor(root);
    const folder = dirname(file);
    const inFolderCycles = (relFolder) => FOLDER_CYCLE_ROOTS.some((pattern) => covers(pattern, relFolder));
    return {
      Program(program) {
        const edges = [];
        for (const { node, specifier } of importsOf(program, context.sourceCode.visitorKeys)) {
          const to = resolveSpecifier(file, specifier);
          if (to.kind === 'file') edges.push({ node, target: to.path });
        }
        graph.remember(file, edges.map((edge) => edge.target));
        const reportedFolders = new Set();
        for (const { node, target } of edges) {
          if (target === file) continue;
          const back = graph.pathBack(target, file);
          if (back) {
            context.report({ node, messageId: 'files', data: { cycle: [file, ...back.slice(0, -1), file].map((f) => rel(root, f)).join(' → ') } });
            continue;
          }
          const targetFolder = dirname(target);
          if (targetFolder === folder || reportedFolders.has(targetFolder)) continue;
          if (!inFolderCycles(rel(root, folder)) || !inFolderCycles(rel(root, targetFolder))) continue;
          const steps = graph.folderPathBack(targetFolder, folder, inFolderCycles);
          if (!steps) continue;
          reportedFolders.add(targetFolder);
          const cycle = [`${rel(root, file)} → ${rel(root, targetFolder)}`, ...steps.slice(1).map((step) => `${rel(root, step.via)} → ${rel(root, step.node)}`)];
          context.report({ node, messageId: 'folders', data: { cycle: cycle.join('; ') } });
        }
      },
    };
  },
};

export default {
  meta: { name: 'resetdesk' },
  rules: { layers, 'no-cycle': noCycle },
};
