import Taro from '@tarojs/taro';

const KEY = 'bx.mine';
const MAX = 50;

/** A request filed (or followed) on this device; reporters have no account, so this is their "my requests". */
export interface MyRequest {
  number: string;
  trackingToken?: string;
  assetCode: string;
  assetName: string;
  createdAt: string;
  followed?: boolean;
}

export function listMyRequests(): MyRequest[] {
  const stored: unknown = Taro.getStorageSync(KEY);
  return Array.isArray(stored) ? (stored as MyRequest[]) : [];
}

export function rememberRequest(entry: MyRequest): void {
  const rest = listMyRequests().filter((r) => r.number !== entry.number);
  Taro.setStorageSync(KEY, [entry, ...rest].slice(0, MAX));
}

export function findMyRequest(number: string): MyRequest | undefined {
  return listMyRequests().find((r) => r.number === number);
}
