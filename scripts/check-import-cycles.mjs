// Fails when the modules under src/ import each other in a cycle (type-only imports included: a
// cycle of types is still two modules that cannot be understood one without the other). Run by
// `npm run lint`. Imports are read with TypeScript's own pre-processor (no type check, so it takes
// well under a second); each cycle is printed once, as the path that closes it.
//
//   node scripts/check-import-cycles.mjs [folder]   (default: src)
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { runMain } from './runMain.mjs';
import { repoRoot } from './test-env.mjs';

/**
 * Every .ts file under `dir`, recursively.
 * @param {string} dir
 * @returns {string[]}
 */
function tsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * The files under the root that `file` imports (relative imports only: packages cannot close a cycle).
 * @param {string} file
 * @returns {string[]}
 */
export function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((ref) => ref.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => {
      const base = path.resolve(path.dirname(file), name.replace(/\.js$/, ''));
      return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
    })
    .filter((resolved) => resolved !== undefined);
}

/**
 * The import cycles among `files`: Tarjan's strongly connected components of more than one file
 * (or a file importing itself), each given as one cycle through it.
 * @param {Map<string, string[]>} graph
 * @returns {string[][]}
 */
export function findCycles(graph) {
  let counter = 0;
  /** @type {Map<string, number>} */ const index = new Map();
  /** @type {Map<string, number>} */ const low = new Map();
  /** @type {string[]} */ const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */ const components = [];
  /** @param {string} v */
  const visit = (v) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(/** @type {number} */ (low.get(v)), /** @type {number} */ (low.get(w))));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(/** @type {number} */ (low.get(v)), /** @type {number} */ (index.get(w))));
      }
    }
    if (low.get(v) === index.get(v)) {
      /** @type {string[]} */ const component = [];
      let w;
      do {
        w = /** @type {string} */ (stack.pop());
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.map((component) => cycleThrough(graph, new Set(component), component.sort()[0]));
}

/**
 * A shortest import path from `start` back to itself inside `members`.
 * @param {Map<string, string[]>} graph
 * @param {Set<string>} members
 * @param {string} start
 * @returns {string[]}
 */
function cycleThrough(graph, members, start) {
  /** @type {Map<string, string>} */ const cameFrom = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const v = /** @type {string} */ (queue.shift());
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const cycle = [v];
        for (let u = v; u !== start; ) cycle.unshift((u = /** @type {string} */ (cameFrom.get(u))));
        return [...cycle, start];
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runMain('import-cycles', () => {
    const root = path.resolve(repoRoot, process.argv[2] ?? 'src');
    const files = tsFiles(root);
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const cycles = findCycles(graph);
    const rel = (/** @type {string} */ file) => path.relative(repoRoot, file);
    for (const cycle of cycles) console.error(`[import-cycles] ${cycle.map(rel).join(' → ')}`);
    if (cycles.length > 0) {
      console.error(`[import-cycles] ${cycles.length} import cycle(s) among ${files.length} files under ${rel(root)}: break each one (move the shared part to a module both import).`);
      return 1;
    }
    console.log(`[import-cycles] no import cycle among ${files.length} files under ${rel(root)}`);
    return 0;
  });
}
