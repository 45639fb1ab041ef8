import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../../scripts/repositoryRoot.js';

const SHIPPED = ['lib', 'transforms', 'cli'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The unit of layering: a top-level folder of lib (its subfolders included), each file directly in lib,
 * and the whole of transforms and of cli.
 */
function unitOf(path: string): string {
  const parts = relative(ROOT, path).split('/');
  if (parts[0] !== 'lib') return parts[0]!;
  return parts.length === 2 ? parts.join('/') : `lib/${parts[1]}`;
}

/**
 * `Movie.read` opens `.isxb` files too (as isx does), so lib/isxd loads lib/isxb's BehaviorMovie, a
 * subclass of Movie, on demand: the one back edge, and dynamic, so no module cycle runs at load time.
 */
const ALLOWED_BACK_EDGES = new Set(['lib/isxd -> lib/isxb']);

/** Unit → units it imports from (relative imports, static or dynamic, type-only included). */
function folderEdges(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  const pattern = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const file of SHIPPED.flatMap((folder) => sourceFiles(join(ROOT, folder)))) {
    const from = unitOf(file);
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      const to = unitOf(resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts')));
      if (to === from || ALLOWED_BACK_EDGES.has(`${from} -> ${to}`)) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  return edges;
}

/** Every cycle of folders, as a path `a -> b -> a`, found by depth-first search. */
function findCycles(edges: Map<string, Set<string>>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
      return;
    }
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of edges.keys()) visit(node, []);
  return cycles;
}

describe('layering of the shipped code', () => {
  it('has no import cycle between folders (lib, transforms, cli)', () => {
    expect(findCycles(folderEdges())).to.deep.equal([]);
  });

  it('keeps file formats free of the layers above them (sources, kinds, convert, sinks, transforms, cli)', () => {
    const above = ['lib/sources', 'lib/kinds', 'lib/convert', 'lib/sinks', 'lib/open.ts', 'lib/index.ts', 'transforms', 'cli'];
    const formats = ['lib/core', 'lib/io', 'lib/json', 'lib/isxd', 'lib/isxb', 'lib/events', 'lib/gpio', 'lib/imu', 'lib/nvoke'];
    const edges = folderEdges();
    const upward = formats.flatMap((folder) => [...(edges.get(folder) ?? [])].filter((to) => above.includes(to)).map((to) => `${folder} -> ${to}`));
    expect(upward).to.deep.equal([]);
  });
});
