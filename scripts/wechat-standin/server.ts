/**
 * A local stand-in for WeChat's server API (api.weixin.qq.com), for tests and the demo: the same paths,
 * request and response shapes and error codes (HTTP 200 with `errcode`), plus control endpoints under
 * /__standin/ to mint the codes a phone would get, configure failures and read what was sent.
 */
import http from 'node:http';
import { toBuffer as qrPng } from 'qrcode';
import { ERRMSG, STANDIN_APIS, StandinState, invalidDataKey, type FailureRule, type StandinApi } from './state';

export interface StandinOptions {
  port?: number;
  host?: string;
  appId?: string;
  secret?: string;
  /** Lifetime of an access token; WeChat's is 7200 s. */
  tokenTtlSeconds?: number;
}

export interface WechatStandin {
  url: string;
  appId: string;
  secret: string;
  state: StandinState;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
type Reply = { status: number; body: Json | Buffer; type?: string } | 'drop';

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PAGE = /^[A-Za-z0-9_\-/]+$/;
/** A page of this mini-program: a relative path of plain segments (no leading '/', no '..', no URL), optional query. */
const MESSAGE_PAGE = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*(\?[^\s#]*)?$/;

function err(errcode: number, extra = ''): Reply {
  return { status: 200, body: { errcode, errmsg: `${ERRMSG[errcode] ?? 'error'}${extra}` } };
}

async function readJson(req: http.IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The WeChat endpoints themselves. */
async function wechatApi(s: StandinState, api: StandinApi, url: URL, body: Json): Promise<Reply> {
  const touser = api === 'subscribe_send' ? str(body.touser) : undefined;
  const failure = s.takeFailure(api, touser);
  if (failure?.httpStatus) return { status: failure.httpStatus, body: Buffer.from('<html>502 Bad Gateway</html>'), type: 'text/html' };
  if (failure?.errcode) return err(failure.errcode);
  if (api === 'jscode2session') {
    const q = url.searchParams;
    if (q.get('appid') !== s.appId) return err(40013);
    if (q.get('secret') !== s.secret) return err(40125);
    if (q.get('grant_type') !== 'authorization_code') return err(40002);
    const openid = s.redeemLoginCode(q.get('js_code') ?? '');
    if (typeof openid === 'number') return err(openid);
    return { status: 200, body: { openid, session_key: Buffer.from(openid).toString('base64').slice(0, 24) } };
  }
  if (api === 'stable_token') {
    if (body.grant_type !== 'client_credential') return err(40002);
    if (body.appid !== s.appId) return err(40013);
    if (body.secret !== s.secret) return err(40125);
    return { status: 200, body: s.stableToken(body.force_refresh === true) };
  }
  const tokenError = s.checkToken(url.searchParams.get('access_token'));
  if (tokenError) return err(tokenError);
  if (api === 'getuserphonenumber') {
    const phone = s.redeemPhoneCode(str(body.code));
    if (!phone) return err(40029);
    const phoneNumber = phone.countryCode === '86' ? phone.phone : `+${phone.countryCode}${phone.phone}`;
    return {
      status: 200,
      body: {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber,
          purePhoneNumber: phone.phone,
          countryCode: phone.countryCode,
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: s.appId },
        },
      },
    };
  }
  if (api === 'subscribe_send') {
    if (!s.knowsOpenid(str(body.touser))) return err(40003);
    if (!/^[\w-]{8,64}$/.test(str(body.template_id))) return err(40037);
    const page = body.page === undefined ? null : str(body.page);
    if (page !== null && page !== '' && (!MESSAGE_PAGE.test(page) || page.length > 1024)) return err(41030);
    const bad = invalidDataKey(body.data);
    if (bad) return err(47003, ` data.${bad}.value invalid`);
    const state = body.miniprogram_state === undefined ? 'formal' : str(body.miniprogram_state);
    if (!['developer', 'trial', 'formal'].includes(state)) return err(47003, ' miniprogram_state');
    // One-time subscriptions: every message needs an accept of its own, used up by it.
    if (!s.takeAccept(str(body.touser), str(body.template_id))) return err(43101);
    const msgid = s.recordSent({
      touser: str(body.touser),
      template_id: str(body.template_id),
      page,
      data: body.data as Record<string, { value: string }>,
      miniprogram_state: state,
      lang: str(body.lang) || 'zh_CN',
    });
    if (failure?.deliverThenDrop) return 'drop';
    return { status: 200, body: { errcode: 0, errmsg: 'ok', msgid } };
  }
  // getwxacodeunlimit: the real one draws a round mini-program code; a plain QR of the scene lets tests decode it.
  const scene = str(body.scene);
  if (!SCENE.test(scene)) return err(40129);
  const page = body.page === undefined ? null : str(body.page);
  if (page !== null && (!PAGE.test(page) || page.startsWith('/'))) return err(41030);
  const width = typeof body.width === 'number' ? Math.min(1280, Math.max(280, body.width)) : 430;
  s.wxacodes.push({ at: new Date().toISOString(), scene, page });
  return { status: 200, body: await qrPng(scene, { width, margin: 2 }), type: 'image/png' };
}

const ROUTES: Record<string, StandinApi> = {
  'GET /sns/jscode2session': 'jscode2session',
  'POST /cgi-bin/stable_token': 'stable_token',
  'POST /wxa/business/getuserphonenumber': 'getuserphonenumber',
  'POST /cgi-bin/message/subscribe/send': 'subscribe_send',
  'POST /wxa/getwxacodeunlimit': 'getwxacodeunlimit',
};

function isFailureRule(v: Json): v is Json & FailureRule {
  return STANDIN_APIS.includes(v.api as StandinApi);
}

/** Test and demo controls: not part of WeChat. */
async function control(s: StandinState, path: string, method: string, body: Json): Promise<Reply | null> {
  const ok = (b: Json): Reply => ({ status: 200, body: b });
  if (method === 'GET' && path === '/__standin/log') {
    return ok({ sent: s.sent, calls: s.calls, tokensIssued: s.tokensIssued, wxacodes: s.wxacodes, failures: s.failures });
  }
  if (method !== 'POST') return null;
  switch (path) {
    case '/__standin/reset':
      s.reset();
      return ok({ ok: true });
    case '/__standin/login-code':
      return ok(s.mintLoginCode(str(body.user) || 'someone'));
    case '/__standin/phone-code':
      return ok(s.mintPhoneCode(str(body.phoneNumber) || '13800138000', str(body.countryCode) || '86'));
    case '/__standin/subscribe': {
      // The user's tap on "accept" in wx.requestSubscribeMessage, as WeChat on the phone would record it.
      const ids = Array.isArray(body.templateIds) ? body.templateIds.filter((t): t is string => typeof t === 'string') : [];
      const times = typeof body.times === 'number' && body.times > 0 ? Math.floor(body.times) : 1;
      const openid = str(body.openid) || (str(body.user) ? s.openidOf(str(body.user)) : '');
      if (!openid || ids.length === 0) return { status: 400, body: { error: 'openid (or user) and templateIds are required' } };
      return ok({ accepts: Object.fromEntries(ids.map((id) => [id, s.grantAccept(openid, id, times)])) });
    }
    case '/__standin/expire-token':
      s.expireToken();
      return ok({ ok: true });
    case '/__standin/failures':
      if (!isFailureRule(body)) return { status: 400, body: { error: `api must be one of ${STANDIN_APIS.join(', ')}` } };
      s.failures.push(body);
      return ok({ failures: s.failures });
    default:
      return null;
  }
}

export async function startWechatStandin(opts: StandinOptions = {}): Promise<WechatStandin> {
  const appId = opts.appId ?? 'wx00000000standin';
  const secret = opts.secret ?? 'standin-secret';
  const state = new StandinState(appId, secret, opts.tokenTtlSeconds ?? 7200);
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://standin');
      const body = req.method === 'POST' ? await readJson(req) : {};
      const api = ROUTES[`${req.method} ${url.pathname}`];
      let reply: Reply | null;
      if (api) {
        const answer = await wechatApi(state, api, url, body);
        const touser = api === 'subscribe_send' ? str(body.touser) : undefined;
        const status = answer === 'drop' ? 0 : answer.status;
        const errcode = answer !== 'drop' && !Buffer.isBuffer(answer.body) ? Number(answer.body.errcode ?? 0) : 0;
        state.calls.push({ at: new Date().toISOString(), api, httpStatus: status, errcode, ...(touser ? { touser } : {}) });
        reply = answer;
      } else {
        reply = await control(state, url.pathname, req.method ?? '', body);
      }
      if (reply === 'drop') return req.socket.destroy();
      if (!reply) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }));
      }
      const isBytes = Buffer.isBuffer(reply.body);
      res.writeHead(reply.status, { 'Content-Type': reply.type ?? 'application/json; charset=utf-8' });
      res.end(isBytes ? reply.body : JSON.stringify(reply.body));
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    appId,
    secret,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
