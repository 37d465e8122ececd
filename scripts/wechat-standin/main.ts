/**
 * Runs the WeChat stand-in on its own, for API and worker processes started separately in development:
 *   npm run wechat:standin            # port 3900, or WECHAT_STANDIN_PORT
 * then start them with WECHAT_API_BASE=http://127.0.0.1:3900 WECHAT_APPID=wx00000000standin
 * WECHAT_SECRET=standin-secret WECHAT_STANDIN=true.
 */
import { startWechatStandin } from './server';

async function main(): Promise<void> {
  const port = Number(process.env.WECHAT_STANDIN_PORT ?? 3900);
  const standin = await startWechatStandin({ port, host: process.env.WECHAT_STANDIN_HOST ?? '127.0.0.1' });
  process.stdout.write(
    `WeChat stand-in listening on ${standin.url} (appid ${standin.appId}, secret ${standin.secret}); ` +
      `sent messages: ${standin.url}/__standin/log\n`,
  );
  const stop = () => void standin.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
