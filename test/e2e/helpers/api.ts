/** Direct API calls the browser tests use to set up and to check what the UI did. */

interface Json {
  [key: string]: unknown;
}

/** A JSON request to the API as `token`'s holder (or anonymously with `null`); a non-2xx answer throws with its body. */
export async function call<T = Json>(baseUrl: string, token: string | null, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

export async function login(baseUrl: string, username: string, password = 'demo123'): Promise<string> {
  const res = await call<{ token: string }>(baseUrl, null, 'POST', '/api/auth/login', { tenant: 'demo', username, password });
  return res.token;
}

export async function firstAssetCode(baseUrl: string): Promise<{ code: string; name: string }> {
  const token = await login(baseUrl, 'admin');
  const res = await call<{ items: { code: string; name: string }[] }>(baseUrl, token, 'GET', '/api/assets?pageSize=5');
  if (!res.items[0]) throw new Error('the demo seed has no assets');
  return res.items[0];
}

interface JobList {
  items: { number: string; status: string }[];
}

/** Auto-dispatch picks by skills and sites; ask each demo engineer whether the ticket is offered to them. */
export async function findOfferedEngineer(baseUrl: string, number: string, timeoutMs = 20_000): Promise<string> {
  const tokens = new Map<string, string>();
  for (const name of ['engineer1', 'engineer2', 'engineer3']) tokens.set(name, await login(baseUrl, name));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const [name, token] of tokens) {
      const jobs = await call<JobList>(baseUrl, token, 'GET', '/api/engineer/jobs?status=offered&pageSize=50');
      if (jobs.items.some((j) => j.number === number)) return name;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`ticket ${number} was offered to no demo engineer within ${timeoutMs} ms`);
}

export async function trackedTicket(baseUrl: string, token: string): Promise<Json> {
  const res = await call<{ ticket: Json }>(baseUrl, null, 'GET', `/api/public/tickets/${token}`);
  return res.ticket;
}

/** Tickets whose description contains `marker`, as the dispatcher sees them. */
export async function ticketsWith(baseUrl: string, marker: string): Promise<{ number: string; description: string }[]> {
  const token = await login(baseUrl, 'dispatcher');
  const res = await call<{ items: { number: string; description: string }[] }>(baseUrl, token, 'GET', '/api/tickets?pageSize=100');
  return res.items.filter((t) => t.description.includes(marker));
}

/** Files a ticket the way the form does, for tests that start at the engineer's side. */
export async function fileTicket(
  baseUrl: string,
  assetCode: string,
  description: string,
): Promise<{ number: string; trackingToken: string }> {
  const res = await fetch(`${baseUrl}/api/public/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-${Date.now()}-${Math.random().toString(16).slice(2)}` },
    body: JSON.stringify({ assetCode, description, contactPhone: '13900139000' }),
  });
  if (res.status !== 201) throw new Error(`POST /api/public/tickets → ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ticket: { number: string; trackingToken: string } }).ticket;
}

/**
 * What an admin does in the console for `username`: a single-use WeChat invite. Returns the invite page
 * on the test's own origin (the QR encodes PUBLIC_BASE_URL, localhost; the browsers use 127.0.0.1).
 */
export async function engineerInvite(baseUrl: string, username: string): Promise<string> {
  const token = await login(baseUrl, 'admin');
  const { items } = await call<{ items: Array<{ id: number; username: string }> }>(baseUrl, token, 'GET', '/api/engineers');
  const engineer = items.find((e) => e.username === username);
  if (!engineer) throw new Error(`no engineer ${username}`);
  const res = await call<{ invite: { url: string } }>(baseUrl, token, 'POST', `/api/staff/${engineer.id}/wechat-invite`, {});
  const url = new URL(res.invite.url);
  return `${baseUrl}${url.pathname}${url.search}`;
}

/** A demo engineer's staff id. */
export async function engineerId(baseUrl: string, username: string): Promise<number> {
  const token = await login(baseUrl, 'admin');
  const { items } = await call<{ items: Array<{ id: number; username: string }> }>(baseUrl, token, 'GET', '/api/engineers');
  const engineer = items.find((e) => e.username === username);
  if (!engineer) throw new Error(`no engineer ${username}`);
  return engineer.id;
}

/**
 * What the engineer's WeChat does with an invite QR: a login code (in H5, the documented dev path against
 * the local stand-in, as `wechatUser`'s phone), then bind. Answers the engineer's session token.
 */
export async function bindWechatByInvite(baseUrl: string, inviteUrl: string, wechatUser: string): Promise<string> {
  const invite = new URL(inviteUrl).searchParams.get('invite');
  const { code } = await call<{ code: string }>(baseUrl, null, 'POST', '/api/dev/wechat/login-code', { user: wechatUser });
  const res = await call<{ token: string }>(baseUrl, null, 'POST', '/api/auth/wechat/bind', { code, invite });
  return res.token;
}

/** "Accept" in WeChat's subscription dialog for every template of a signed-in staff member. */
export async function subscribeStaffToAll(baseUrl: string, token: string): Promise<void> {
  const status = await call<{ templates: Array<{ templateId: string }> }>(baseUrl, token, 'GET', '/api/me/wechat');
  const results = Object.fromEntries(status.templates.map((t) => [t.templateId, 'accept']));
  await call(baseUrl, token, 'POST', '/api/me/wechat/subscriptions', { results });
}

export interface TemplateSetting {
  kind: string;
  templateId: string;
  fields: Record<string, string>;
}

export async function wechatTemplates(baseUrl: string): Promise<TemplateSetting[]> {
  const token = await login(baseUrl, 'admin');
  const res = await call<{ settings: { templates: TemplateSetting[] } }>(baseUrl, token, 'GET', '/api/settings/wechat');
  return res.settings.templates;
}

export async function assetCount(baseUrl: string): Promise<number> {
  const token = await login(baseUrl, 'admin');
  return (await call<{ total: number }>(baseUrl, token, 'GET', '/api/assets?pageSize=1')).total;
}

/** The reporter's credit left per template (what the mini-program reads before asking WeChat). */
export async function reporterCredits(baseUrl: string, reporterToken: string, assetCode: string): Promise<Record<string, number>> {
  const res = await call<{ templates: Array<{ kind: string; credits: number }> }>(
    baseUrl,
    reporterToken,
    'GET',
    `/api/public/me/subscriptions?asset=${encodeURIComponent(assetCode)}`,
  );
  return Object.fromEntries(res.templates.map((t) => [t.kind, t.credits]));
}

/** An engineer's job action through the API (accept, travel, arrive, resolve), as their phone would send it. */
export async function jobAction(baseUrl: string, username: string, number: string, action: string, body: unknown = {}): Promise<Json> {
  const token = await login(baseUrl, username);
  const res = await call<{ ticket: Json }>(baseUrl, token, 'POST', `/api/engineer/jobs/${encodeURIComponent(number)}/${action}`, body);
  return res.ticket;
}

/** A reporter's action on their tracking page (confirm, reopen, urge …) through the public API. */
export async function reporterAction(baseUrl: string, trackingToken: string, action: string, body: unknown = {}): Promise<Json> {
  return call<Json>(baseUrl, null, 'POST', `/api/public/tickets/${trackingToken}/${action}`, body);
}

export interface OnSiteTicket {
  /** The demo asset the ticket was filed on (the first one, out of warranty). */
  asset: { code: string; name: string };
  filed: { number: string; trackingToken: string };
  /** The demo engineer the ticket was offered to, now on site. */
  username: string;
  /** An admin session token for the setup that follows. */
  admin: string;
}

/**
 * A chargeable ticket with its engineer on site: filed on the demo's first asset (out of warranty, so the
 * coverage check must say `chargeable`), accepted, travelled to and arrived at by whoever it was offered to.
 */
export async function chargeableTicketOnSite(baseUrl: string, description: string): Promise<OnSiteTicket> {
  const asset = await firstAssetCode(baseUrl);
  const filed = await fileTicket(baseUrl, asset.code, description);
  const coverage = (await trackedTicket(baseUrl, filed.trackingToken)).coverage;
  if (coverage !== 'chargeable') throw new Error(`ticket ${filed.number} has coverage ${String(coverage)}, not chargeable`);
  const username = await findOfferedEngineer(baseUrl, filed.number);
  for (const step of ['accept', 'travel', 'arrive']) await jobAction(baseUrl, username, filed.number, step);
  return { asset, filed, username, admin: await login(baseUrl, 'admin') };
}
