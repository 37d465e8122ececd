import type { Config } from '../config';
import type { Deps } from '../deps';
import { AppError } from '../lib/errors';
import type { KeyValueStore } from '../lib/kv';
import type { Logger } from '../lib/logger';
import { WechatClient } from './client';

export type WechatMode = 'wechat' | 'standin' | 'off';

/** The client when an AppID, secret and base URL are configured (the real WeChat or the stand-in). */
export function createWechat(config: Config, kv: KeyValueStore, log: Logger): { client: WechatClient | null; mode: WechatMode } {
  const { appId, secret, apiBase, standin, envVersion } = config.wechat;
  if (!appId || !secret) return { client: null, mode: 'off' };
  const client = new WechatClient({ appId, secret, apiBase: apiBase ?? 'https://api.weixin.qq.com', envVersion }, kv, log);
  return { client, mode: standin ? 'standin' : 'wechat' };
}

/** The client, or WECHAT_NOT_CONFIGURED for features that need WeChat (sign-in, phone numbers, codes). */
export function requireWechat(deps: Deps): WechatClient {
  if (!deps.wechat) throw new AppError('WECHAT_NOT_CONFIGURED');
  return deps.wechat;
}
