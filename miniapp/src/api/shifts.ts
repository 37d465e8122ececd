import type { z } from 'zod';
import { EngineerShiftsResponseSchema, type EngineerShifts, type EngineerShiftsSchema } from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL } from './console';

export type { EngineerShifts };
export type ShiftsBody = z.input<typeof EngineerShiftsSchema>;

/** GET /api/engineers/:id/shifts (admins and dispatchers; an engineer their own). */
export async function getShifts(engineerId: number): Promise<EngineerShifts> {
  return (
    await request({ method: 'GET', path: `/api/engineers/${engineerId}/shifts`, schema: EngineerShiftsResponseSchema, ...CONSOLE_CALL })
  ).shifts;
}

/** PUT /api/engineers/:id/shifts (admins): the weekly frames, leave days and the override, all at once. */
export async function putShifts(engineerId: number, body: ShiftsBody): Promise<EngineerShifts> {
  return (
    await request({
      method: 'PUT',
      path: `/api/engineers/${engineerId}/shifts`,
      data: body,
      schema: EngineerShiftsResponseSchema,
      ...CONSOLE_CALL,
    })
  ).shifts;
}

/** GET /api/engineers/:id/shifts as the engineer themself (their phone's week; another's is 404). */
export async function getMyShifts(engineerId: number): Promise<EngineerShifts> {
  return (
    await request({
      method: 'GET',
      path: `/api/engineers/${engineerId}/shifts`,
      schema: EngineerShiftsResponseSchema,
      auth: true,
      silent: true,
    })
  ).shifts;
}
