import { NO_SLA, type EngineerView, type StaffTicket } from '@baoxiu/shared';
import { byExpiry, byUrgencyThenAge, rankEngineers, secondsLeft } from './rules';

const ticket = (over: Partial<StaffTicket>): StaffTicket => ({
  number: 'BX-1',
  status: 'offered',
  description: '',
  category: '空调',
  urgency: 'normal',
  coverage: 'chargeable',
  createdAt: '2026-11-02T00:00:00Z',
  updatedAt: '2026-11-02T00:00:00Z',
  asset: { code: 'A', name: 'A', siteId: 1, site: 'S', location: null, address: null },
  contactName: null,
  contactPhone: '13800000000',
  photos: [],
  engineer: null,
  offerExpiresAt: null,
  needsDispatcher: false,
  type: 'repair',
  sourceTicketNumber: null,
  resolution: null,
  sla: NO_SLA,
  reopened: null,
  ...over,
});
const engineer = (id: number, over: Partial<EngineerView> = {}): EngineerView => ({
  id,
  username: `e${id}`,
  name: `E${id}`,
  phone: null,
  skills: [],
  siteIds: [],
  onDuty: true,
  onDutyNow: true,
  openJobs: 0,
  ...over,
});

describe('the phone dispatcher', () => {
  it('counts down an offer and orders offers by expiry', () => {
    const now = Date.parse('2026-11-02T00:00:00Z');
    expect(secondsLeft(ticket({ offerExpiresAt: '2026-11-02T00:05:00Z' }), now)).toBe(300);
    expect(secondsLeft(ticket({ offerExpiresAt: '2026-11-01T23:59:00Z' }), now)).toBe(-60);
    expect(secondsLeft(ticket({}), now)).toBeNull();
    const list = [
      ticket({ number: 'B', offerExpiresAt: '2026-11-02T00:09:00Z' }),
      ticket({ number: 'N' }),
      ticket({ number: 'A', offerExpiresAt: '2026-11-02T00:01:00Z' }),
    ];
    expect(byExpiry(list).map((t) => t.number)).toEqual(['A', 'B', 'N']);
  });

  it('puts urgent requests first, then the oldest', () => {
    const list = [
      ticket({ number: 'new-normal', createdAt: '2026-11-02T02:00:00Z' }),
      ticket({ number: 'old-normal', createdAt: '2026-11-02T01:00:00Z' }),
      ticket({ number: 'urgent', urgency: 'high', createdAt: '2026-11-02T03:00:00Z' }),
      ticket({ number: 'low', urgency: 'low', createdAt: '2026-11-01T00:00:00Z' }),
    ];
    expect(byUrgencyThenAge(list).map((t) => t.number)).toEqual(['urgent', 'old-normal', 'new-normal', 'low']);
  });

  it('ranks engineers: on duty with skill and site, then by load; says who does not fit', () => {
    const t = ticket({ category: '空调', asset: { code: 'A', name: 'A', siteId: 7, site: 'S', location: null, address: null } });
    const ranked = rankEngineers(
      [
        engineer(1, { onDuty: false, onDutyNow: false }),
        engineer(2, { skills: ['电梯'] }),
        engineer(3, { siteIds: [8] }),
        engineer(4, { skills: ['空调'], siteIds: [7], openJobs: 2 }),
        engineer(5, { openJobs: 1 }),
      ],
      t,
    );
    expect(ranked.map((f) => f.engineer.id)).toEqual([5, 4, 3, 2, 1]);
    expect(ranked.find((f) => f.engineer.id === 2)).toMatchObject({ hasSkill: false, coversSite: true });
    expect(ranked.find((f) => f.engineer.id === 3)).toMatchObject({ hasSkill: true, coversSite: false });
  });
});
