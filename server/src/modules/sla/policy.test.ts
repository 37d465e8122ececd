import type { SlaTargetInput } from '@baoxiu/shared';
import { matchTarget, minutesOf, pausesIn } from './policy';

const target = (over: Partial<SlaTargetInput>): SlaTargetInput => ({
  urgency: 'normal',
  responseMinutes: 60,
  resolutionMinutes: 480,
  warnAtPercent: 80,
  pauseStatuses: [],
  ...over,
});
const plain = target({ responseMinutes: 1 });
const byCategory = target({ category: '空调', responseMinutes: 2 });
const bySite = target({ siteId: 7, responseMinutes: 3 });
const both = target({ siteId: 7, category: '空调', responseMinutes: 4 });
const high = target({ urgency: 'high', responseMinutes: 5 });
const all = [plain, byCategory, bySite, both, high];

describe('the most specific SLA target wins', () => {
  it('takes the target naming site and category over every other', () => {
    expect(matchTarget(all, { urgency: 'normal', category: '空调', siteId: 7 })).toBe(both);
  });

  it('breaks the tie between a site-only and a category-only match in favour of the site', () => {
    expect(matchTarget([plain, byCategory, bySite], { urgency: 'normal', category: '空调', siteId: 7 })).toBe(bySite);
    // The order of the list does not matter.
    expect(matchTarget([bySite, byCategory, plain].reverse(), { urgency: 'normal', category: '空调', siteId: 7 })).toBe(bySite);
  });

  it('falls back to the category, then to the urgency alone, and never crosses urgencies', () => {
    expect(matchTarget(all, { urgency: 'normal', category: '空调', siteId: 8 })).toBe(byCategory);
    expect(matchTarget(all, { urgency: 'normal', category: '电梯', siteId: 8 })).toBe(plain);
    expect(matchTarget(all, { urgency: 'high', category: '空调', siteId: 7 })).toBe(high);
    expect(matchTarget(all, { urgency: 'low', category: '空调', siteId: 7 })).toBeNull();
  });

  it('never lets a narrowed target match a ticket without that field', () => {
    expect(matchTarget([byCategory], { urgency: 'normal', category: null, siteId: 7 })).toBeNull();
  });
});

describe('target minutes and pauses', () => {
  it('has no arrival clock when the target sets no arrival minutes', () => {
    expect(minutesOf(plain, 'arrival')).toBeNull();
    expect(minutesOf(target({ arrivalMinutes: 120 }), 'arrival')).toBe(120);
  });

  it('always pauses in waiting_customer, and in the statuses a tenant adds', () => {
    expect(pausesIn(null, 'waiting_customer')).toBe(true);
    expect(pausesIn(plain, 'en_route')).toBe(false);
    expect(pausesIn(target({ pauseStatuses: ['en_route'] }), 'en_route')).toBe(true);
  });
});
