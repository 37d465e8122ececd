import { LoginResponseSchema, type LoginInput, type LoginResponse } from '@baoxiu/shared';
import { request } from './request';

/** POST /api/auth/login — staff sign-in with company code, username and password. */
export function login(body: LoginInput): Promise<LoginResponse> {
  return request({ method: 'POST', path: '/api/auth/login', data: body, schema: LoginResponseSchema, silent: true });
}
