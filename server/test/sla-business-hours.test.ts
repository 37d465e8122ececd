import type { BusinessHours, BusinessHoursInput } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { SlaHoliday } from '../src/modules/sla/holiday.entity';
import { STATUTORY_SOURCE } from '../src/modules/sla/holidays.data';
import { compiledCalendar, loadCalendar } from '../src/modules/sla/calendar.service';
import { addBusinessMinutes } from '../src/modules/sla/calendar';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeTenant, type TestTenant } from './helpers/factories';
import { expectError } from './helpers/contract';

const night = [['22:00', '06:00']] as [string, string][];
const office = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
] as [string, string][];
const hours = (over: Partial<BusinessHoursInput> = {}): BusinessHoursInput => ({
  timezone: 'Asia/Shanghai',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: 'cn',
  extraHolidays: [],
  extraWorkdays: [],
  ignoredStatutoryDays: [],
  ...over,
});

describe.each(DRIVERS)('business hours settings on %s', (driver) => {
  const clock = new ManualClock('2026-06-01T02:00:00Z');
  let sys: TestSystem;
  let a: TestTenant;
  let b: TestTenant;
  const get = (t: TestTenant, query = '') => sys.http.get(`/api/settings/business-hours${query}`).set(auth(t.dispatcher.token));
  const put = (t: TestTenant, body: object, query = '') =>
    sys.http.put(`/api/settings/business-hours${query}`).set(auth(t.admin.token)).send(body);

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
    a = await makeTenant(sys.deps);
    b = await makeTenant(sys.deps);
  });
  afterAll(() => sys.stop());
  afterEach(() => clock.set('2026-06-01T02:00:00Z'));

  it('answers Monday to Friday 09:00–18:00 with China’s holidays until the tenant sets its own', async () => {
    const res = await get(a).expect(200);
    const bh = res.body.businessHours as BusinessHours;
    expect(bh).toMatchObject({ timezone: 'Asia/Shanghai', holidays: 'cn', siteId: null, version: 0, warnings: [] });
    expect(bh.week.mon).toEqual([['09:00', '18:00']]);
    expect(bh.week.sat).toEqual([]);
    expect(bh.holidayYears).toContain(2026);
  });

  it('copies the statutory days into its own table once, with their source', async () => {
    await get(a).expect(200);
    const repo = sys.deps.db.ds.getRepository(SlaHoliday);
    const row = await repo.findOneByOrFail({ tenantId: 0, day: '2026-10-10' });
    expect(row).toMatchObject({ kind: 'workday', year: 2026, source: STATUTORY_SOURCE, calendarId: 0 });
    const count = await repo.countBy({ tenantId: 0 });
    await get(b).expect(200);
    expect(await repo.countBy({ tenantId: 0 })).toBe(count);
  });

  it('stores a tenant’s hours, company holidays, extra workdays and ignored statutory days, and bumps the version', async () => {
    const body = hours({ extraHolidays: ['2026-12-24'], extraWorkdays: ['2026-12-27'], ignoredStatutoryDays: ['2026-10-10'] });
    const first = (await put(a, body).expect(200)).body.businessHours as BusinessHours;
    expect(first).toMatchObject({
      version: 1,
      extraHolidays: ['2026-12-24'],
      extraWorkdays: ['2026-12-27'],
      ignoredStatutoryDays: ['2026-10-10'],
    });
    const second = (await put(a, { ...body, extraHolidays: [] }).expect(200)).body.businessHours as BusinessHours;
    expect(second.version).toBe(2);
    expect((await get(a).expect(200)).body.businessHours).toMatchObject({ version: 2, extraHolidays: [], week: body.week });
    // The other tenant still has the default.
    expect((await get(b).expect(200)).body.businessHours.version).toBe(0);
  });

  it('recompiles on an edit: a deadline over the ignored make-up Saturday moves to Monday', async () => {
    await put(a, hours()).expect(200);
    const start = new Date('2026-10-09T09:00:00Z');
    const before = addBusinessMinutes(await compiledCalendar(sys.deps, await loadCalendar(sys.deps, a.id, null)), start, 120);
    expect(before.toISOString()).toBe('2026-10-10T02:00:00.000Z');
    await put(a, hours({ ignoredStatutoryDays: ['2026-10-10'] })).expect(200);
    const after = addBusinessMinutes(await compiledCalendar(sys.deps, await loadCalendar(sys.deps, a.id, null)), start, 120);
    expect(after.toISOString()).toBe('2026-10-12T02:00:00.000Z');
  });

  it('lets a site override the tenant’s calendar with night frames, and reads the tenant’s where a site has none', async () => {
    await put(a, hours()).expect(200);
    const [own, plain] = a.siteIds;
    const site = (
      await put(
        a,
        hours({ week: { mon: night, tue: night, wed: night, thu: night, fri: night, sat: [], sun: [] } }),
        `?siteId=${own}`,
      ).expect(200)
    ).body.businessHours as BusinessHours;
    expect(site).toMatchObject({ siteId: own, inherited: false, version: 1 });
    expect(site.week.mon).toEqual(night);
    const inherited = (await get(a, `?siteId=${plain}`).expect(200)).body.businessHours as BusinessHours;
    expect(inherited).toMatchObject({ siteId: plain, inherited: true });
    expect(inherited.week.mon).toEqual(office);
    expect((await get(a).expect(200)).body.businessHours.week.mon).toEqual(office);
  });

  it('warns in the answer and the log about next year when its holiday data is missing from November on', async () => {
    clock.set('2026-11-20T02:00:00Z');
    const warn = jest.spyOn(sys.deps.log, 'warn');
    const bh = (await get(a).expect(200)).body.businessHours as BusinessHours;
    expect(bh.warnings).toEqual([expect.objectContaining({ code: 'HOLIDAY_YEAR_MISSING', year: 2027 })]);
    expect(bh.warnings[0].message.zh).toContain('2027');
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ tenantId: a.id, year: 2027 }),
      expect.stringContaining('no statutory holiday data'),
    );
    warn.mockRestore();
    // A calendar without the holiday list needs no data.
    await put(b, hours({ holidays: 'none' })).expect(200);
    expect((await get(b).expect(200)).body.businessHours.warnings).toEqual([]);
  });

  it('refuses business time in a year without holiday data instead of assuming Monday to Friday', async () => {
    clock.set('2027-02-01T02:00:00Z');
    const loaded = await loadCalendar(sys.deps, a.id, null);
    await expect(compiledCalendar(sys.deps, loaded)).rejects.toMatchObject({ code: 'HOLIDAY_YEAR_MISSING', details: { year: 2027 } });
  });

  it('refuses another tenant’s site, a bad time zone, bad frames and a day in two lists', async () => {
    expectError(await get(a, `?siteId=${b.siteIds[0]}`), 404, 'SITE_NOT_FOUND');
    expectError(await put(a, hours(), `?siteId=${b.siteIds[0]}`), 404, 'SITE_NOT_FOUND');
    expectError(await put(a, hours({ timezone: 'Mars/Olympus' })), 400, 'VALIDATION_FAILED');
    expectError(await put(a, { ...hours(), week: { ...hours().week, mon: [['09:00', '09:00']] } }), 400, 'VALIDATION_FAILED');
    expectError(await put(a, { ...hours(), week: { ...hours().week, tue: [['24:00', '06:00']] } }), 400, 'VALIDATION_FAILED');
    expectError(await put(a, hours({ extraHolidays: ['2026-05-06'], extraWorkdays: ['2026-05-06'] })), 400, 'VALIDATION_FAILED');
  });

  it('lets the dispatcher read but not write', async () => {
    expectError(await sys.http.put('/api/settings/business-hours').set(auth(a.dispatcher.token)).send(hours()), 403, 'FORBIDDEN');
  });
});
