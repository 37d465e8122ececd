import type { StaffWechatView } from '@baoxiu/shared';
import { countStaff, filterStaff, NO_FILTER, pageOf, wechatState } from './staff';

const person = (id: number, patch: Partial<StaffWechatView> = {}): StaffWechatView => ({
  id,
  name: `工程师${id}`,
  role: 'engineer',
  bound: true,
  needsSubscription: false,
  templates: [{ kind: 'job_offered', templateId: 'tpl-job-offered', credits: 2, refused: false }],
  ...patch,
});

const unbound = person(1, {
  bound: false,
  templates: [{ kind: 'job_offered', templateId: 'tpl-job-offered', credits: 0, refused: false }],
});
const empty = person(2, {
  needsSubscription: true,
  templates: [{ kind: 'job_offered', templateId: 'tpl-job-offered', credits: 0, refused: false }],
});
const fine = person(3);
const dispatcher = person(4, { role: 'dispatcher', name: 'Dispatcher Li', needsSubscription: true });

describe('the engineers & WeChat list', () => {
  it('tells an unlinked person from one who is linked but out of credit', () => {
    expect([unbound, empty, fine].map(wechatState)).toEqual(['unbound', 'no_credit', 'ok']);
  });

  it('narrows to people out of credit, to a role, and to a name in any case', () => {
    const all = [unbound, empty, fine, dispatcher];
    expect(filterStaff(all, { ...NO_FILTER, noCreditOnly: true }).map((s) => s.id)).toEqual([2, 4]);
    expect(filterStaff(all, { ...NO_FILTER, noCreditOnly: true, role: 'engineer' }).map((s) => s.id)).toEqual([2]);
    expect(filterStaff(all, { ...NO_FILTER, q: ' dispatcher li ' }).map((s) => s.id)).toEqual([4]);
    expect(filterStaff(all, NO_FILTER)).toHaveLength(4);
  });

  it('counts who cannot be reached', () => {
    expect(countStaff([unbound, empty, fine, dispatcher])).toEqual({ total: 4, unbound: 1, noCredit: 2 });
  });

  it('shows a page at a time, and the last page when a filter leaves fewer', () => {
    const many = Array.from({ length: 45 }, (_, i) => person(i + 1));
    expect(pageOf(many, 1, 20)).toMatchObject({ page: 1, total: 45 });
    expect(pageOf(many, 3, 20).items.map((s) => s.id)).toEqual([41, 42, 43, 44, 45]);
    expect(pageOf(many.slice(0, 5), 3, 20)).toMatchObject({ page: 1, total: 5 });
    expect(pageOf([], 2, 20)).toEqual({ items: [], page: 1, total: 0 });
  });
});
