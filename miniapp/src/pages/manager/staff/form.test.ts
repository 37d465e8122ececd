import type { StaffView } from '@baoxiu/shared';
import { ApiError } from '../../../api/errors';
import { buildCreate, buildUpdate, draftOfStaff, emptyStaffDraft, filterStaffList, serverStaffErrors, splitSkills } from './form';

// The texts are not under test, and the real module reads the language through the Taro runtime.
jest.mock('../../../i18n/admin', () => ({ ta: (key: string) => key }));
jest.mock('../../../api/errors', () => ({
  ApiError: class extends Error {
    constructor(
      readonly code: string,
      message: string,
      readonly status: number,
      readonly details: Record<string, unknown>,
    ) {
      super(message);
    }
  },
}));

const person = (over: Partial<StaffView>): StaffView => ({
  id: 1,
  username: 'wang',
  name: '王工',
  role: 'engineer',
  phone: null,
  skills: [],
  siteIds: [],
  onDuty: true,
  onDutyNow: true,
  active: true,
  openJobs: 0,
  createdAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

describe('the staff form', () => {
  it('sends an engineer with their skills split on any comma, and no duplicates', () => {
    const draft = {
      ...emptyStaffDraft(),
      username: ' wang ',
      name: '王工',
      password: 'secret-pass',
      skills: '空调，电梯、 空调, ',
      siteIds: [3],
    };
    expect(buildCreate(draft)).toEqual({
      body: {
        role: 'engineer',
        username: 'wang',
        name: '王工',
        password: 'secret-pass',
        phone: null,
        skills: ['空调', '电梯'],
        siteIds: [3],
        onDuty: true,
      },
      errors: {},
    });
    expect(splitSkills('a;b\nc')).toEqual(['a', 'b', 'c']);
  });

  it('drops skills and sites of a dispatcher', () => {
    const draft = { ...emptyStaffDraft('dispatcher'), username: 'li', name: '李', password: 'secret-pass', skills: '空调', siteIds: [3] };
    expect(buildCreate(draft).body).toMatchObject({ role: 'dispatcher', skills: [], siteIds: [] });
  });

  it('names every bad field with the server schema, sending nothing', () => {
    const { body, errors } = buildCreate({ ...emptyStaffDraft(), username: 'a b', name: ' ', password: '123', phone: 'call me' });
    expect(body).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['name', 'password', 'phone', 'username']);
  });

  it('edits without username or password, and round-trips a saved person', () => {
    const saved = person({ skills: ['空调', '电梯'], siteIds: [2], phone: '13900000000', onDuty: false });
    expect(buildUpdate(draftOfStaff(saved))).toEqual({
      body: { role: 'engineer', name: '王工', phone: '13900000000', skills: ['空调', '电梯'], siteIds: [2], onDuty: false },
      errors: {},
    });
  });

  it('puts a taken username and server field issues under their fields', () => {
    expect(serverStaffErrors(new ApiError('USERNAME_TAKEN', '该账号已被占用，请换一个', 409, { username: 'wang' }))).toEqual({
      username: '该账号已被占用，请换一个',
    });
    const invalid = new ApiError('VALIDATION_FAILED', 'bad', 400, {
      issues: [
        { path: 'password', code: 'too_small', message: 'x' },
        { path: 'skills.3', code: 'x', message: 'x' },
      ],
    });
    expect(serverStaffErrors(invalid)).toEqual({ password: 'staffNeedPassword', skills: 'staffTooManySkills' });
    expect(serverStaffErrors(new ApiError('INTERNAL', 'x', 500, {}))).toEqual({});
  });

  it('filters by role, by name, username or phone, and hides disabled accounts unless asked', () => {
    const items = [
      person({ id: 1 }),
      person({ id: 2, role: 'admin', name: 'Boss', username: 'boss' }),
      person({ id: 3, active: false, name: '离职', username: 'gone', phone: '13700000000' }),
    ];
    const ids = (f: Parameters<typeof filterStaffList>[1]) => filterStaffList(items, f).map((s) => s.id);
    expect(ids({ role: '', q: '', showDisabled: false })).toEqual([1, 2]);
    expect(ids({ role: '', q: '', showDisabled: true })).toEqual([1, 2, 3]);
    expect(ids({ role: 'admin', q: '', showDisabled: true })).toEqual([2]);
    expect(ids({ role: '', q: 'BOS', showDisabled: true })).toEqual([2]);
    expect(ids({ role: '', q: '137', showDisabled: true })).toEqual([3]);
  });
});
