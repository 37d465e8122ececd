import path from 'node:path';
import { cycleEdges, cycles, folderGraph } from './import-graph';

const MODULES = path.join(__dirname, '../../src/modules');

/**
 * Feature folders form a layered graph (ARCHITECTURE.md): tenants, auth, assets, uploads and the SLA clock at the
 * bottom; tickets (entity, transitions, policy, presenter) above them; dispatch, notifications, reporters above
 * tickets; intake, work, desk, escalation, pm, kb, parts-api, service-report, settings at the top. A module that must
 * react to a higher one's change subscribes to its outbox job (e.g. notifications handles tickets' fan-out job).
 * Type-only imports count: they tie the folders as much.
 */
describe('imports between feature folders (server/src/modules)', () => {
  const graph = folderGraph(MODULES, true);

  it('closes no cycle between feature folders (every import that would close one is listed)', () => {
    expect(cycleEdges(graph)).toEqual([]);
  });

  it('sees the imports between folders (the graph is not empty: tickets imports the SLA clock)', () => {
    expect(graph.get('tickets')?.has('sla')).toBe(true);
    expect(graph.get('sla')?.has('tickets')).toBe(false);
  });

  it('finds a cycle when one is there (the checker itself)', () => {
    const g = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
    expect(cycleEdges(g)).toEqual(['a -> b', 'b -> c', 'c -> a']);
    expect(
      cycles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set<string>()],
        ]),
      ),
    ).toEqual([]);
  });
});
