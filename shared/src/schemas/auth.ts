import { z } from 'zod';
import { RoleSchema } from './common';
import { text } from './text';

export const LoginSchema = z.object({
  tenant: text().trim().min(1).max(64),
  username: text().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof LoginSchema>;

export const StaffUserSchema = z.object({ id: z.number(), name: z.string(), role: RoleSchema });
export type StaffUser = z.infer<typeof StaffUserSchema>;

export const LoginResponseSchema = z.object({ token: z.string(), user: StaffUserSchema });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
