import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ENTITIES } from '../../src/db/entities';

/** Column types that hold binary or decimal fractions: never for money (integer minor units only). */
const FRACTIONAL = new Set(['float', 'double', 'double precision', 'real', 'decimal', 'numeric', 'dec', 'fixed', 'money', 'smallmoney']);
/** Names that say "this is an amount of money". */
const MONEY_NAME = /(cost|price|amount|total|fee|subtotal|discount|tax|balance|revenue|charge|paid|refund)s?$/i;
/** Integer column types (SQLite and MySQL spellings). */
const INTEGER = new Set(['int', 'integer', 'bigint', 'smallint', 'mediumint', 'tinyint']);

interface ColumnInfo {
  key: string;
  type: string;
}

function columnsOf(ds: DataSource): ColumnInfo[] {
  return ds.entityMetadatas.flatMap((m) =>
    m.columns.map((c) => ({
      key: `${m.tableName}.${c.databaseName}`,
      type: typeof c.type === 'string' ? c.type.toLowerCase() : (c.type as { name: string }).name.toLowerCase(),
    })),
  );
}

/** Every fractional column, and every money-named column that is not an integer. */
function moneyProblems(columns: ColumnInfo[]): string[] {
  return [
    ...columns.filter((c) => FRACTIONAL.has(c.type)).map((c) => `${c.key} is ${c.type}: no fractional columns`),
    ...columns
      .filter((c) => MONEY_NAME.test(c.key.split('.')[1]) && !INTEGER.has(c.type) && !FRACTIONAL.has(c.type))
      .map((c) => `${c.key} is ${c.type}: money is an integer of minor units`),
  ];
}

@Entity('money_scan_probe')
class MoneyScanProbe {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('double')
  price: number;

  @Column('varchar', { length: 20 })
  labourFee: string;
}

async function metadataOf(entities: Array<new () => object>): Promise<DataSource> {
  const ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities });
  await ds.initialize();
  return ds;
}

describe('money columns (every TypeORM entity)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await metadataOf(ENTITIES);
  });
  afterAll(async () => {
    await ds.destroy();
  });

  it('finds the entities and their columns, the parts catalogue and the invoices among them', () => {
    const keys = columnsOf(ds).map((c) => c.key);
    expect(keys.length).toBeGreaterThan(100);
    expect(keys).toEqual(expect.arrayContaining(['parts.cost', 'parts.price', 'stock_movements.delta', 'billing_invoices.total']));
  });

  it('has no float, double or decimal column, and every column named like an amount of money is an integer', () => {
    expect(moneyProblems(columnsOf(ds))).toEqual([]);
    expect(columnsOf(ds).filter((c) => MONEY_NAME.test(c.key.split('.')[1])).length).toBeGreaterThanOrEqual(6);
  });

  it('catches a double price and a text fee (the scan itself)', async () => {
    const probe = await metadataOf([MoneyScanProbe]);
    try {
      expect(moneyProblems(columnsOf(probe))).toEqual([
        'money_scan_probe.price is double: no fractional columns',
        'money_scan_probe.labourFee is varchar: money is an integer of minor units',
      ]);
    } finally {
      await probe.destroy();
    }
  });
});
