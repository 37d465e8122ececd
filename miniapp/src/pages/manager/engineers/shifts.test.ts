import type { EngineerShifts } from '@baoxiu/shared';
import { ApiError } from '../../../api/errors';
import { draftOf, officeWeek, serverShiftErrors, shiftsBody } from './shifts';

// The real module reads the language through the Taro runtime.
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

describe('the shift editor draft', () => {
  it('turns a weekly pattern, leave days and the override into the PUT body, overnight frames included', () => {
    const d = {
      ...draftOf(null),
      usePattern: true,
      week: { ...officeWeek(), sat: [{ start: '22:00', end: '06:00' }] },
      leaveDays: '2026-12-01\n2026-12-02, 2026-12-03',
      dutyOverride: 'off' as const,
    };
    const { body, errors } = shiftsBody(d);
    expect(errors).toEqual({});
    expect(body?.week?.mon).toEqual([['09:00', '18:00']]);
    expect(body?.week?.sat).toEqual([['22:00', '06:00']]);
    expect(body?.week?.sun).toEqual([]);
    expect(body?.leaveDays).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(body?.dutyOverride).toBe('off');
  });

  it('sends no pattern when shifts are off, so the on-duty switch decides', () => {
    expect(shiftsBody({ ...draftOf(null), week: officeWeek() }).body).toEqual({ week: null, leaveDays: [], dutyOverride: 'none' });
  });

  it('puts a bad time under its frame and a bad or repeated day under the leave days', () => {
    const d = {
      ...draftOf(null),
      usePattern: true,
      week: {
        ...officeWeek(),
        tue: [
          { start: '09:00', end: '25:00' },
          { start: '10:00', end: '10:00' },
        ],
      },
      leaveDays: '2026-13-01',
    };
    expect(shiftsBody(d)).toEqual({
      body: null,
      errors: { 'tue.0': 'shiftErrFrame', 'tue.1': 'shiftErrFrame', leaveDays: 'shiftErrLeave' },
    });
    expect(shiftsBody({ ...draftOf(null), leaveDays: '2026-12-01 2026-12-01' }).errors).toEqual({ leaveDays: 'shiftErrLeave' });
  });

  it('reads the server’s validation issues onto the same fields and round-trips saved shifts', () => {
    const error = new ApiError('VALIDATION_FAILED', 'x', 400, { issues: [{ path: 'week.fri.1.0' }, { path: 'leaveDays' }] });
    expect(serverShiftErrors(error)).toEqual({ 'fri.1': 'shiftErrFrame', leaveDays: 'shiftErrLeave' });
    const saved: EngineerShifts = {
      engineerId: 1,
      week: { mon: [['08:00', '12:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      leaveDays: ['2026-12-24'],
      dutyOverride: 'on',
      onDutySwitch: true,
      onDutyNow: true,
      timezone: 'Asia/Shanghai',
    };
    const d = draftOf(saved);
    expect(d).toMatchObject({ usePattern: true, leaveDays: '2026-12-24', dutyOverride: 'on' });
    expect(shiftsBody(d).body?.week?.mon).toEqual([['08:00', '12:00']]);
  });
});
