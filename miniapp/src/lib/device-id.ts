import Taro from '@tarojs/taro';
import { newIdempotencyKey } from './idempotency';

const KEY = 'bx.deviceId';

/**
 * A random id this device keeps (no account, no fingerprinting): the knowledge base counts a "这解决了我的问题"
 * as a deflection only when the same device files no repair on the same asset within 72 h.
 */
export function deviceId(): string {
  try {
    const stored = Taro.getStorageSync<string>(KEY);
    if (typeof stored === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) return stored;
    const fresh = `d-${newIdempotencyKey().replace(/-/g, '')}`;
    Taro.setStorageSync(KEY, fresh);
    return fresh;
  } catch {
    return `d-${newIdempotencyKey().replace(/-/g, '')}`;
  }
}
