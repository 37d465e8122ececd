import { detectMysqlFlavour, mysqlDataSource } from '../src/db/database';
import { withScratchDatabase } from '../src/db/scratch';

const url = process.env.DATABASE_URL;
// Migrations exist for MySQL/MariaDB only (SQLite builds its schema from the entities).
const describeMysql = url ? describe : describe.skip;

describeMysql('MySQL migrations', () => {
  it('produce exactly the schema the entities describe (no pending diff), and undo cleanly', async () => {
    await withScratchDatabase(url as string, 'bx_mig', async (scratchUrl) => {
      const ds = mysqlDataSource(scratchUrl, await detectMysqlFlavour(scratchUrl));
      await ds.initialize();
      try {
        const ran = await ds.runMigrations();
        expect(ran.length).toBeGreaterThan(0);
        const diff = await ds.driver.createSchemaBuilder().log();
        expect(diff.upQueries.map((q) => q.query)).toEqual([]);
        for (let i = 0; i < ran.length; i += 1) await ds.undoLastMigration();
        const rows = (await ds.query('SHOW TABLES')) as Array<Record<string, string>>;
        expect(rows.flatMap((r) => Object.values(r))).toEqual(['migrations']);
      } finally {
        await ds.destroy();
      }
    });
  });
});
