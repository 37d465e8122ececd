import type { Config } from '../config';

/**
 * `npm start` without WECHAT_APPID / WECHAT_SECRET (outside production, API and worker in one process):
 * starts the local WeChat stand-in in this process and points the WeChat client at it, so sign-in and
 * notifications work end to end on one machine. Returns a line for the console, or null when unused.
 */
export async function startStandinIfUnconfigured(config: Config): Promise<string | null> {
  const { appId, secret } = config.wechat;
  if ((appId && secret) || config.env === 'production' || config.role !== 'all') return null;
  const { startWechatStandin } = await import('../../../scripts/wechat-standin/server');
  const standin = await startWechatStandin({ port: Number(process.env.WECHAT_STANDIN_PORT ?? 0) });
  config.wechat = {
    ...config.wechat,
    appId: standin.appId,
    secret: standin.secret,
    apiBase: standin.url,
    standin: true,
    envVersion: 'develop',
  };
  return (
    `  WeChat: no WECHAT_APPID / WECHAT_SECRET set, using the local WeChat stand-in at ${standin.url} ` +
    `(未配置微信，使用本地模拟服务; sent messages: ${standin.url}/__standin/log)`
  );
}
