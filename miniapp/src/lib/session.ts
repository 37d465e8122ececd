import Taro from '@tarojs/taro';
import type { StaffUser } from '@baoxiu/shared';

const SESSION_KEY = 'bx.session';

export interface Session {
  token: string;
  tenant: string;
  user: StaffUser;
}

export function getSession(): Session | null {
  const stored: unknown = Taro.getStorageSync(SESSION_KEY);
  if (typeof stored !== 'object' || stored === null || !('token' in stored)) return null;
  return stored as Session;
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(SESSION_KEY, session);
}

export function clearSession(): void {
  Taro.removeStorageSync(SESSION_KEY);
}

/** The last company code typed, so an engineer only types it once per device. */
export function lastTenant(): string {
  const value: unknown = Taro.getStorageSync('bx.tenant');
  return typeof value === 'string' ? value : '';
}

export function rememberTenant(tenant: string): void {
  Taro.setStorageSync('bx.tenant', tenant);
}
