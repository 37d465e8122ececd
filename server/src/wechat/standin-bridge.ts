import type { Deps } from '../deps';

/**
 * Against the local stand-in only: the H5 build has no WeChat dialog, so the "accept" it reports stands for
 * the tap that WeChat on a phone would record. The stand-in is told too, so it can enforce the one-time
 * quota (43101 when no accept is left) the way WeChat does. With the real WeChat this does nothing.
 */
export async function mirrorAcceptsToStandin(deps: Deps, openid: string, templateIds: string[]): Promise<void> {
  const base = deps.config.wechat.apiBase;
  if (deps.wechatMode !== 'standin' || !base || templateIds.length === 0) return;
  try {
    await fetch(`${base.replace(/\/+$/, '')}/__standin/subscribe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid, templateIds }),
    });
  } catch (err) {
    deps.log.warn({ err }, 'could not tell the WeChat stand-in about accepted subscriptions');
  }
}
