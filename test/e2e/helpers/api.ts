/** Direct API calls the browser tests use to set up and to check what the UI did. */

interface Json {
  [key: string]: unknown;
}

async function call<T>(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

export async function login(baseUrl: string, username: string, password = 'demo123'): Promise<string> {
  const res = await call<{ token: string }>(baseUrl, 'POST', '/api/auth/login', undefined, { tenant: 'demo', username, password });
  return res.token;
}

export async function firstAssetCode(baseUrl: string): Promise<{ code: string; name: string }> {
  const token = await login(baseUrl, 'admin');
  const res = await call<{ items: { code: string; name: string }[] }>(baseUrl, 'GET', '/api/assets?pageSize=5', token);
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
      const jobs = await call<JobList>(baseUrl, 'GET', '/api/engineer/jobs?status=offered&pageSize=50', token);
      if (jobs.items.some((j) => j.number === number)) return name;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`ticket ${number} was offered to no demo engineer within ${timeoutMs} ms`);
}

export async function trackedTicket(baseUrl: string, token: string): Promise<Json> {
  const res = await call<{ ticket: Json }>(baseUrl, 'GET', `/api/public/tickets/${token}`);
  return res.ticket;
}

/** Tickets whose description contains `marker`, as the dispatcher sees them. */
export async function ticketsWith(baseUrl: string, marker: string): Promise<{ number: string; description: string }[]> {
  const token = await login(baseUrl, 'dispatcher');
  const res = await call<{ items: { number: string; description: string }[] }>(baseUrl, 'GET', '/api/tickets?pageSize=100', token);
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
  const { items } = await call<{ items: Array<{ id: number; username: string }> }>(baseUrl, 'GET', '/api/engineers', token);
  const engineer = items.find((e) => e.username === username);
  if (!engineer) throw new Error(`no engineer ${username}`);
  const res = await call<{ invite: { url: string } }>(baseUrl, 'POST', `/api/staff/${engineer.id}/wechat-invite`, token, {});
  const url = new URL(res.invite.url);
  return `${baseUrl}${url.pathname}${url.search}`;
}

/** A demo engineer's staff id. */
export async function engineerId(baseUrl: string, username: string): Promise<number> {
  const token = await login(baseUrl, 'admin');
  const { items } = await call<{ items: Array<{ id: number; username: string }> }>(baseUrl, 'GET', '/api/engineers', token);
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
  const { code } = await call<{ code: string }>(baseUrl, 'POST', '/api/dev/wechat/login-code', undefined, { user: wechatUser });
  const res = await call<{ token: string }>(baseUrl, 'POST', '/api/auth/wechat/bind', undefined, { code, invite });
  return res.token;
}

/** "Accept" in WeChat's subscription dialog for every template of a signed-in staff member. */
export async function subscribeStaffToAll(baseUrl: string, token: string): Promise<void> {
  const status = await call<{ templates: Array<{ templateId: string }> }>(baseUrl, 'GET', '/api/me/wechat', token);
  const results = Object.fromEntries(status.templates.map((t) => [t.templateId, 'accept']));
  await call(baseUrl, 'POST', '/api/me/wechat/subscriptions', token, { results });
}

export interface TemplateSetting {
  kind: string;
  templateId: string;
  fields: Record<string, string>;
}

export async function wechatTemplates(baseUrl: string): Promise<TemplateSetting[]> {
  const token = await login(baseUrl, 'admin');
  const res = await call<{ settings: { templates: TemplateSetting[] } }>(baseUrl, 'GET', '/api/settings/wechat', token);
  return res.settings.templates;
}

export async function assetCount(baseUrl: string): Promise<number> {
  const token = await login(baseUrl, 'admin');
  return (await call<{ total: number }>(baseUrl, 'GET', '/api/assets?pageSize=1', token)).total;
}

/** The reporter's credit left per template (what the mini-program reads before asking WeChat). */
export async function reporterCredits(baseUrl: string, reporterToken: string, assetCode: string): Promise<Record<string, number>> {
  const res = await call<{ templates: Array<{ kind: string; credits: number }> }>(
    baseUrl,
    'GET',
    `/api/public/me/subscriptions?asset=${encodeURIComponent(assetCode)}`,
    reporterToken,
  );
  return Object.fromEntries(res.templates.map((t) => [t.kind, t.credits]));
}

/** An engineer's job action through the API (accept, travel, arrive, resolve), as their phone would send it. */
export async function jobAction(baseUrl: string, username: string, number: string, action: string, body: unknown = {}): Promise<Json> {
  const token = await login(baseUrl, username);
  const res = await call<{ ticket: Json }>(baseUrl, 'POST', `/api/engineer/jobs/${encodeURIComponent(number)}/${action}`, token, body);
  return res.ticket;
}

/** A reporter's action on their tracking page (confirm, reopen, urge …) through the public API. */
export async function reporterAction(baseUrl: string, trackingToken: string, action: string, body: unknown = {}): Promise<Json> {
  return call<Json>(baseUrl, 'POST', `/api/public/tickets/${trackingToken}/${action}`, undefined, body);
}
