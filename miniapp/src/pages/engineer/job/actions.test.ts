import { TICKET_STATUSES, canTransition, type TicketStatus } from '@baoxiu/shared';
import { JOB_ACTIONS, jobActions } from './actions';

/** The buttons the job page shows per status, written out by hand (the oracle). */
const HAND_WRITTEN: Record<TicketStatus, string[]> = {
  new: [],
  offered: ['accept', 'decline'],
  accepted: ['travel', 'arrive', 'wait_customer'],
  en_route: ['arrive', 'wait_customer'],
  on_site: ['resolve', 'wait_customer'],
  resolved: [],
  closed: [],
  reopened: [],
  cancelled: [],
  waiting_customer: ['resume'],
};

describe('the job page actions', () => {
  it('offers exactly the buttons the hand-written rules did, for every status', () => {
    for (const status of TICKET_STATUSES) expect([...jobActions(status)]).toEqual(HAND_WRITTEN[status]);
  });

  it('never offers a step the ticket machine would refuse an engineer', () => {
    for (const status of TICKET_STATUSES) {
      for (const action of jobActions(status)) expect(canTransition(action, status, 'engineer')).toBe(true);
    }
  });

  it('offers every page step the machine allows an engineer', () => {
    for (const status of TICKET_STATUSES) {
      const shown = jobActions(status);
      for (const action of JOB_ACTIONS) if (canTransition(action, status, 'engineer')) expect(shown.has(action)).toBe(true);
    }
  });
});
