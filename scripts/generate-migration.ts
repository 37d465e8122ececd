/**
 * Writes a TypeORM migration with whatever the entities need beyond the existing migrations:
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/test npm run migration:generate -- AddSomething
 * It works on a scratch database it creates and drops, never on the one in DATABASE_URL.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { detectMysqlFlavour, mysqlDataSource } from '../server/src/db/database';
import { withScratchDatabase } from '../server/src/db/scratch';

async function main(): Promise<void> {
  const name = process.argv[2];
  const url = process.env.DATABASE_URL;
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name) || !url) {
    throw new Error('usage: DATABASE_URL=mysql://… npm run migration:generate -- PascalCaseName');
  }
  await withScratchDatabase(url, 'bx_gen', async (scratchUrl) => {
    const ds = mysqlDataSource(scratchUrl, await detectMysqlFlavour(scratchUrl));
    await ds.initialize();
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    await ds.destroy();
    if (sql.upQueries.length === 0) {
      process.stdout.write("No changes: the migrations already produce the entities' schema.\n");
      return;
    }
    const ts = Date.now();
    const q = (s: string) => JSON.stringify(s);
    const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)});`).join('\n');
    const down = [...sql.downQueries]
      .reverse()
      .map((x) => `    await queryRunner.query(${q(x.query)});`)
      .join('\n');
    const dir = path.join(__dirname, '../server/src/db/migrations');
    const file = path.join(dir, `${ts}-${name}.ts`);
    fs.writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`,
    );
    const index = path.join(dir, 'index.ts');
    const src = fs
      .readFileSync(index, 'utf8')
      .replace(/(import type \{ MigrationInterface \} from 'typeorm';\n)/, `$1import { ${name}${ts} } from './${ts}-${name}';\n`)
      .replace(/\];\s*$/, `  ${name}${ts},\n];\n`)
      .replace('= [  ', '= [\n  ');
    fs.writeFileSync(index, src);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), file)} (${sql.upQueries.length} statements)\n`);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
