import { TicketBus, REPLAY_PER_TENANT, REPLAY_TENANTS, type DeskEvent } from '../src/modules/desk/desk.bus';
import { createLogger } from '../src/lib/logger';

const change = (tenantId: number, n: number) => ({
  tenantId,
  number: `BX-20261202-${String(n).padStart(4, '0')}`,
  status: 'new',
  needsDispatcher: false,
  updatedAt: new Date(0),
});

describe('the embedded ticket bus', () => {
  const log = createLogger('silent');

  it("delivers to the subscribers of the change's tenant only, and to nobody once unsubscribed", async () => {
    const bus = new TicketBus(undefined, 'x', log);
    const mine: DeskEvent[] = [];
    const theirs: DeskEvent[] = [];
    const off = bus.subscribe(
      1,
      (e) => mine.push(e),
      () => undefined,
    );
    bus.subscribe(
      2,
      (e) => theirs.push(e),
      () => undefined,
    );
    await bus.publish([change(1, 1), change(2, 2)]);
    expect(mine.map((e) => e.data.number)).toEqual(['BX-20261202-0001']);
    expect(theirs.map((e) => e.data.number)).toEqual(['BX-20261202-0002']);
    off();
    await bus.publish([change(1, 3)]);
    expect(mine).toHaveLength(1);
    expect(bus.size).toBe(1);
    await bus.close();
    expect(bus.size).toBe(0);
  });

  it('replays at most the last events of a tenant, and forgets the least recently changed tenants first', async () => {
    const bus = new TicketBus(undefined, 'x', log);
    const seen: DeskEvent[] = [];
    bus.subscribe(
      1,
      (e) => seen.push(e),
      () => undefined,
    );
    await bus.publish(Array.from({ length: REPLAY_PER_TENANT + 5 }, (_, i) => change(1, i)));
    expect(bus.since(1, seen[0].id)).toBeNull();
    expect(bus.since(1, seen[10].id)).toHaveLength(REPLAY_PER_TENANT + 5 - 11);
    const last = seen[seen.length - 1].id;
    expect(bus.since(1, last)).toEqual([]);
    await bus.publish(Array.from({ length: REPLAY_TENANTS }, (_, i) => change(100 + i, i)));
    expect(bus.since(1, last)).toBeNull();
    await bus.close();
  });

  it('ends every open stream when it closes', async () => {
    const bus = new TicketBus(undefined, 'x', log);
    let ended = 0;
    bus.subscribe(
      1,
      () => undefined,
      () => (ended += 1),
    );
    bus.subscribe(
      2,
      () => undefined,
      () => (ended += 1),
    );
    await bus.close();
    expect(ended).toBe(2);
  });
});
