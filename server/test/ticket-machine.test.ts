import { ACTOR_TYPES, TICKET_STATUSES, TRANSITIONS, canTransition, nextStatus, type TicketAction, type TicketStatus } from '@baoxiu/shared';

const ACTIONS = Object.keys(TRANSITIONS) as TicketAction[];

/** Walks the machine from `new` following a path of (action, actor), failing on the first illegal step. */
function walk(path: Array<[TicketAction, (typeof ACTOR_TYPES)[number]]>): TicketStatus {
  return path.reduce<TicketStatus>((status, [action, actor]) => {
    if (!canTransition(action, status, actor)) throw new Error(`${action} by ${actor} from ${status}`);
    return nextStatus(action);
  }, 'new');
}

describe('the ticket state machine', () => {
  it('allows the happy path new → offered → accepted → en_route → on_site → resolved → closed', () => {
    expect(
      walk([
        ['offer', 'system'],
        ['accept', 'engineer'],
        ['travel', 'engineer'],
        ['arrive', 'engineer'],
        ['resolve', 'engineer'],
        ['confirm', 'reporter'],
      ]),
    ).toBe('closed');
  });

  it('sends a reopened ticket back to dispatch and lets it be offered again', () => {
    expect(
      walk([
        ['offer', 'system'],
        ['accept', 'engineer'],
        ['arrive', 'engineer'],
        ['resolve', 'engineer'],
        ['reopen', 'reporter'],
        ['offer', 'system'],
      ]),
    ).toBe('offered');
  });

  it('rejects skipping steps: resolving before arrival, confirming before resolution, accepting what was never offered', () => {
    expect(canTransition('resolve', 'accepted', 'engineer')).toBe(false);
    expect(canTransition('confirm', 'on_site', 'reporter')).toBe(false);
    expect(canTransition('accept', 'new', 'engineer')).toBe(false);
    expect(canTransition('travel', 'closed', 'engineer')).toBe(false);
  });

  it('lets each action be done only by its actors: engineers do not cancel, reporters do not resolve', () => {
    expect(canTransition('cancel', 'offered', 'engineer')).toBe(false);
    expect(canTransition('cancel', 'offered', 'dispatcher')).toBe(true);
    expect(canTransition('resolve', 'on_site', 'reporter')).toBe(false);
    expect(canTransition('assign', 'new', 'engineer')).toBe(false);
  });

  it('never leaves cancelled or closed except by reopening a closed ticket', () => {
    for (const action of ACTIONS) {
      for (const actor of ACTOR_TYPES) {
        expect(canTransition(action, 'cancelled', actor)).toBe(false);
        if (action !== 'reopen') expect(canTransition(action, 'closed', actor)).toBe(false);
      }
    }
  });

  it('only names real statuses, and every status but closed and cancelled has a way forward', () => {
    for (const action of ACTIONS) {
      expect(TICKET_STATUSES).toContain(nextStatus(action));
      for (const from of TRANSITIONS[action].from) expect(TICKET_STATUSES).toContain(from);
    }
    const stuck = TICKET_STATUSES.filter((s) => !ACTIONS.some((a) => (TRANSITIONS[a].from as readonly string[]).includes(s)));
    expect(stuck).toEqual(['cancelled']);
  });
});
