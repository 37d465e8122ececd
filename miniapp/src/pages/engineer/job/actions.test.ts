import { TICKET_STATUSES, canTransition, type TicketStatus } from '@baoxiu/shared';
import { JOB_ACTIONS, jobActions } from './actions';

/** The buttons the job page showed when its rules were written by hand, per status (the oracle). */
const HAND_WRITTEN: Record<TicketStatus, string[]> = {
  new: [],
  offered: ['accept', 'decline'],
  accepted: ['travel', 'arrive'],
  en_route: ['arrive'],
  on_site: ['resolve'],
  resolved: [],
  closed: [],
  reopened: [],
  cancelled: [],
  waiting_customer: [],
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
