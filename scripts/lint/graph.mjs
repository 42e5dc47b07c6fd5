// The import graph of the source tree, read lazily from disk, for the cycle
// rule (scripts/lint/layers.mjs): no cycle between files, none between the
// folders of main/. Edges are every import that resolves to a file
// (scripts/lint/imports.mjs), `import type` included: a type-only cycle
// still ties two files' designs together.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readImports, rel, scanFileImports } from './imports.mjs';

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

export class ImportGraph {
  /** @param {string} root the repository root; only files below it are nodes. */
  constructor(root) {
    this.root = root;
    /** file → { mtimeMs, targets } */
    this.memo = new Map();
    /** file → { mtimeMs, modules } */
    this.modulesMemo = new Map();
  }

  /** Records what a file imports as the linter parsed it (fresher than disk, and saves a scan). */
  remember(file, targets) {
    this.memo.set(file, { mtimeMs: mtimeOf(file), targets: this.#inside(targets) });
  }

  /** The files a file imports, inside the root; scanned again when the file changed on disk. */
  targets(file) {
    const mtimeMs = mtimeOf(file);
    const known = this.memo.get(file);
    if (known && known.mtimeMs === mtimeMs) return known.targets;
    let targets = [];
    if (mtimeMs !== null) {
      try {
        targets = this.#inside(scanFileImports(file));
      } catch {
        // a file that cannot be read is not ours to report
      }
    }
    this.memo.set(file, { mtimeMs, targets });
    return targets;
  }

  /** The packages and built-ins a file loads at run time ('zod', 'node:fs'): parsed, since `import type` is erased. */
  modules(file) {
    const mtimeMs = mtimeOf(file);
    const known = this.modulesMemo.get(file);
    if (known && known.mtimeMs === mtimeMs) return known.modules;
    let modules = [];
    try {
      modules = readImports(file).modules;
    } catch {
      // a file that does not parse is the parser's error to report, not ours
    }
    this.modulesMemo.set(file, { mtimeMs, modules });
    return modules;
  }

  /**
   * A shortest path of imports from `start` back to `file`, as [start, …, file],
   * or null when `start` does not lead back. A file not yet on disk (the text
   * being linted) is reached by its path without the extension, as it was
   * imported.
   */
  pathBack(start, file) {
    const bare = file.replace(/\.[^./]+$/, '');
    const isFile = (node) => node === file || node === bare;
    return shortestPath(start, isFile, (node) => this.targets(node).map((to) => ({ to, via: node })))?.map((step) => step.node) ?? null;
  }

  /**
   * A shortest path of folder-to-folder imports from folder `start` back to
   * folder `folder`, each step with the file that makes it, or null.
   * `within(folder)` says which folders take part (main/ only).
   */
  folderPathBack(start, folder, within) {
    const next = (from) => {
      const steps = [];
      const seen = new Set();
      for (const file of this.#folderFiles(from)) {
        for (const target of this.targets(file)) {
          const to = dirname(target);
          if (to === from || seen.has(to) || !within(rel(this.root, to))) continue;
          seen.add(to);
          steps.push({ to, via: file });
        }
      }
      return steps;
    };
    return shortestPath(start, (node) => node === folder, next);
  }

  #folderFiles(folder) {
    try {
      return readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts'))
        .map((entry) => join(folder, entry.name));
    } catch {
      return [];
    }
  }

  #inside(targets) {
    return targets.filter((target) => target.startsWith(`${this.root}/`) && !target.includes('/node_modules/'));
  }
}

/** Breadth-first: [{ node: start }, { node, via }, …, { node: goal, via }] or null. */
function shortestPath(start, isGoal, next) {
  const parent = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    if (isGoal(node)) {
      const path = [];
      for (let at = node; at !== null; at = parent.get(at)?.from ?? null) path.unshift({ node: at, via: parent.get(at)?.via });
      return path;
    }
    for (const { to, via } of next(node)) {
      if (parent.has(to)) continue;
      parent.set(to, { from: node, via });
      queue.push(to);
    }
  }
  return null;
}

function mtimeOf(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}
