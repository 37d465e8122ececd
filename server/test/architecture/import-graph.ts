import fs from 'node:fs';
import path from 'node:path';

/** Folder → the feature folders its files import (runtime imports, and type-only ones when `withTypes`). */
export function folderGraph(modulesDir: string, withTypes: boolean): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const folder of fs.readdirSync(modulesDir)) {
    const dir = path.join(modulesDir, folder);
    if (!fs.statSync(dir).isDirectory()) continue;
    const out = new Set<string>();
    for (const file of walk(dir)) {
      if (file.endsWith('.test.ts')) continue;
      for (const spec of importsOf(fs.readFileSync(file, 'utf8'), withTypes)) {
        if (!spec.startsWith('.')) continue;
        const target = path.relative(modulesDir, path.resolve(path.dirname(file), spec)).split(path.sep)[0];
        if (target && target !== folder && !target.startsWith('..')) out.add(target);
      }
    }
    graph.set(folder, out);
  }
  return graph;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** The module specifiers of `import … from '…'` and `export … from '…'` statements. */
function importsOf(source: string, withTypes: boolean): string[] {
  const specs: string[] = [];
  const re = /^(import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)'/gms;
  for (const m of source.matchAll(re)) {
    if (m[2] && !withTypes) continue;
    specs.push(m[3]);
  }
  return specs;
}

/** Strongly connected components of more than one folder (Tarjan), each sorted, the list sorted. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      for (;;) {
        const w = stack.pop() as string;
        on.delete(w);
        scc.push(w);
        if (w === v) break;
      }
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out.sort((a, b) => a.join().localeCompare(b.join()));
}

/** Every edge inside a cycle, as `from -> to`, for a readable failure. */
export function cycleEdges(graph: Map<string, Set<string>>): string[] {
  const inCycle = new Map<string, number>();
  cycles(graph).forEach((scc, i) => scc.forEach((f) => inCycle.set(f, i)));
  const edges: string[] = [];
  for (const [from, tos] of graph) {
    for (const to of tos) if (inCycle.has(from) && inCycle.get(from) === inCycle.get(to)) edges.push(`${from} -> ${to}`);
  }
  return edges.sort();
}
