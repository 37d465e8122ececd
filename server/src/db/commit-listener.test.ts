import { openDatabase, type Database } from './database';
import { noteAssetChanged, onNote } from './commit-listener';
import { enqueue } from '../queue/outbox';
import { OutboxRow } from '../queue/outbox.entity';

describe('post-commit hooks', () => {
  let db: Database;
  const heard: Array<[string, unknown[]]> = [];
  const failures: string[] = [];
  beforeEach(async () => {
    heard.length = 0;
    failures.length = 0;
    db = await openDatabase({ sqliteFile: ':memory:' });
    db.onCommit(
      [
        onNote('assets', 'assetChanged', (ids) => {
          heard.push(['assets', [...ids]]);
        }),
        onNote('relay', 'outboxWritten', () => {
          heard.push(['relay', []]);
        }),
      ],
      (_err, hook) => failures.push(hook),
    );
  });
  afterEach(async () => {
    await db.close();
  });

  it('tells each hook only about commits that noted its kind, once per commit', async () => {
    await db.transaction(async (em) => {
      noteAssetChanged(em, 7);
      noteAssetChanged(em, 7);
      noteAssetChanged(em, 9);
    });
    expect(heard).toEqual([['assets', [7, 9]]]);
    heard.length = 0;
    await db.transaction(async (em) => {
      await enqueue(em, new Date(), { name: 'ticket.dispatch', jobId: 'd-1', payload: { ticketId: 1, cycle: 1 } });
    });
    expect(heard).toEqual([['relay', []]]);
    heard.length = 0;
    await db.transaction(async (em) => em.count(OutboxRow));
    expect(heard).toEqual([]);
  });

  it('says nothing about a transaction that rolled back', async () => {
    await expect(
      db.transaction(async (em) => {
        noteAssetChanged(em, 7);
        await enqueue(em, new Date(), { name: 'ticket.dispatch', jobId: 'd-2', payload: { ticketId: 2, cycle: 1 } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(heard).toEqual([]);
    expect(await db.ds.getRepository(OutboxRow).count()).toBe(0);
  });

  it('keeps a commit committed and its result returned when a hook fails, and reports the failure', async () => {
    db.onCommit(
      [
        onNote('broken', 'assetChanged', () => {
          throw new Error('cache away');
        }),
        onNote('relay', 'outboxWritten', () => {
          heard.push(['relay', []]);
        }),
      ],
      (_err, hook) => failures.push(hook),
    );
    const result = await db.transaction(async (em) => {
      noteAssetChanged(em, 1);
      await enqueue(em, new Date(), { name: 'ticket.dispatch', jobId: 'd-3', payload: { ticketId: 3, cycle: 1 } });
      return 'done';
    });
    expect(result).toBe('done');
    expect(failures).toEqual(['broken']);
    expect(heard).toEqual([['relay', []]]);
    expect(await db.ds.getRepository(OutboxRow).count()).toBe(1);
  });

  it('refuses an asset note outside a transaction, where no hook would hear it', () => {
    expect(() => noteAssetChanged(db.ds.manager, 1)).toThrow(/outside Database.transaction/);
  });
});
