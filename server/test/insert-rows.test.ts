import { randomBytes } from 'node:crypto';
import { insertRows, rowsPerStatement } from '../src/db/insert-rows';
import { PmOccurrenceRow } from '../src/modules/pm/pm.entity';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';

describe('rowsPerStatement', () => {
  it('keeps a statement under the variable limit: 500 rows of a narrow table, fewer of a wide one', () => {
    expect(rowsPerStatement('sqlite', 10)).toBe(500);
    expect(rowsPerStatement('sqlite', 100)).toBe(327);
    expect(rowsPerStatement('sqlite', 11, 10_000)).toBe(2978);
    expect(rowsPerStatement('mysql', 100, 10_000)).toBe(655);
  });
});

describe.each(DRIVERS)('insertRows on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(() => sys.stop());

  const occurrence = (planId: number, assetId: number, dueOn: string, claim: string, at: Date) => ({
    tenantId: 1,
    planId,
    assetId,
    dueOn,
    ticketId: null,
    results: { answers: [{ itemId: 'c1', value: 1.5 }], failed: [], at: at.toISOString() },
    correctiveTicketId: null,
    claim,
    late: assetId % 2 === 0,
    createdAt: at,
  });

  it('writes more rows than one statement binds (4,000 × 11 values with chunk 10,000), converting dates, booleans and JSON as TypeORM reads them', async () => {
    const planId = 900_000 + Math.floor(Math.random() * 90_000);
    const at = new Date('2026-03-02T01:02:03.456Z');
    const claim = randomBytes(16).toString('hex');
    const rows = Array.from({ length: 4_000 }, (_, i) => occurrence(planId, i + 1, '2026-03-02', claim, at));
    await sys.deps.db.transaction((em) => insertRows(em, PmOccurrenceRow, rows, { chunk: 10_000 }));
    const back = await sys.deps.db.ds.getRepository(PmOccurrenceRow).find({ where: { planId }, order: { assetId: 'ASC' } });
    expect(back).toHaveLength(4_000);
    expect(back[1]).toMatchObject({ assetId: 2, late: true, claim, ticketId: null, results: rows[1].results });
    expect(back[0].late).toBe(false);
    expect(back[0].createdAt.toISOString()).toBe('2026-03-02T01:02:03.456Z');
  });

  it('reports the id span of each statement, which holds exactly the rows it wrote when no one else writes between', async () => {
    const planId = 700_000 + Math.floor(Math.random() * 90_000);
    const at = new Date('2026-03-02T01:00:00Z');
    const claim = randomBytes(16).toString('hex');
    const spans: Array<[number, number]> = [];
    const rows = Array.from({ length: 7 }, (_, i) => occurrence(planId, i + 1, '2026-03-02', claim, at));
    await sys.deps.db.transaction((em) => insertRows(em, PmOccurrenceRow, rows, { chunk: 3, onIds: (a, b) => spans.push([a, b]) }));
    expect(spans.map(([a, b]) => b - a + 1)).toEqual([3, 3, 1]);
    const back = await sys.deps.db.ds.getRepository(PmOccurrenceRow).find({ where: { planId }, order: { id: 'ASC' } });
    expect(spans.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i))).toEqual(back.map((r) => r.id));
  });

  it("with orIgnore skips the rows that hit a unique key and keeps the first writer's, in the same statement as new ones", async () => {
    const planId = 800_000 + Math.floor(Math.random() * 90_000);
    const at = new Date('2026-03-02T01:00:00Z');
    const first = randomBytes(16).toString('hex');
    const second = randomBytes(16).toString('hex');
    await sys.deps.db.transaction((em) =>
      insertRows(em, PmOccurrenceRow, [occurrence(planId, 1, '2026-03-02', first, at)], { orIgnore: true }),
    );
    await sys.deps.db.transaction((em) =>
      insertRows(em, PmOccurrenceRow, [occurrence(planId, 1, '2026-03-02', second, at), occurrence(planId, 2, '2026-03-02', second, at)], {
        orIgnore: true,
      }),
    );
    const back = await sys.deps.db.ds.getRepository(PmOccurrenceRow).find({ where: { planId }, order: { assetId: 'ASC' } });
    expect(back.map((r) => [r.assetId, r.claim])).toEqual([
      [1, first],
      [2, second],
    ]);
    await expect(
      sys.deps.db.transaction((em) => insertRows(em, PmOccurrenceRow, [occurrence(planId, 1, '2026-03-02', second, at)])),
    ).rejects.toThrow();
  });
});
