import Taro from '@tarojs/taro';
import type { CreditView, SubscriptionResultsInput } from '@baoxiu/shared';
import {
  devLoginCode,
  reporterTemplates,
  reportReporterSubscriptions,
  reportStaffSubscriptions,
  wechatReporterSignIn,
} from '../api/wechat';

const isH5 = process.env.TARO_ENV === 'h5';
const DEV_USER_KEY = 'bx.devWechatUser';
const REPORTER_KEY = 'bx.reporter';

/** The stand-in's "WeChat user" of this browser: stable, so the same person gets the same openid. */
function devWechatUser(): string {
  const stored: unknown = Taro.getStorageSync(DEV_USER_KEY);
  if (typeof stored === 'string' && stored) return stored;
  const user = `h5-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  Taro.setStorageSync(DEV_USER_KEY, user);
  return user;
}

/** True in the H5 build once a dev WeChat sign-in has worked (the server talks to the local stand-in). */
export function isDevWechat(): boolean {
  return isH5 && Boolean(Taro.getStorageSync(DEV_USER_KEY));
}

/**
 * A one-time login code: Taro.login in WeChat; in the H5 build (no Taro.login) the documented dev
 * sign-in asks the server for a code from the local WeChat stand-in. Either way the code then goes
 * through the same path, POST /api/auth/wechat.
 */
export async function wechatLoginCode(): Promise<string> {
  if (!isH5) return (await Taro.login()).code;
  return devLoginCode(devWechatUser());
}

/**
 * Asks for one-time subscriptions (one accept = one message). Must run inside a tap. The H5 build has
 * no WeChat dialog: against the stand-in it stands for the user tapping "accept"; otherwise it asks nothing.
 */
export async function requestSubscribe(templateIds: string[]): Promise<SubscriptionResultsInput['results']> {
  const ids = templateIds.slice(0, 3); // WeChat shows at most three templates at a time
  if (ids.length === 0) return {};
  if (isH5) return isDevWechat() ? Object.fromEntries(ids.map((id) => [id, 'accept' as const])) : {};
  try {
    const res = await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] });
    const answers = res as unknown as Record<string, unknown>;
    const results: SubscriptionResultsInput['results'] = {};
    for (const id of ids) {
      const answer = answers[id];
      if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter') results[id] = answer;
    }
    return results;
  } catch {
    return {}; // closed, or subscriptions switched off in WeChat's settings
  }
}

/** The staff member's tap: ask for these templates and record what they accepted. */
export async function subscribeStaff(templateIds: string[]): Promise<void> {
  const results = await requestSubscribe(templateIds);
  if (Object.keys(results).length > 0) await reportStaffSubscriptions({ results }).catch(() => undefined);
}

export interface ReporterSession {
  token: string;
  phone: string | null;
}

export function reporterSession(): ReporterSession | null {
  const stored: unknown = Taro.getStorageSync(REPORTER_KEY);
  return typeof stored === 'object' && stored !== null && 'token' in stored ? (stored as ReporterSession) : null;
}

/** A reporter session the server no longer accepts (expired): the next call signs in again. */
export function clearReporterSession(): void {
  Taro.removeStorageSync(REPORTER_KEY);
}

/**
 * In WeChat a reporter is signed in silently (Taro.login needs no tap) so "my requests" follows them to
 * any device. Never blocks filing: without WeChat, or on failure, the reporter stays anonymous.
 */
export async function ensureReporterSession(): Promise<ReporterSession | null> {
  if (isH5 && !isDevWechat()) return null;
  const existing = reporterSession();
  if (existing) return existing;
  try {
    const res = await wechatReporterSignIn(await wechatLoginCode());
    const session = { token: res.token, phone: res.reporter.phone };
    Taro.setStorageSync(REPORTER_KEY, session);
    return session;
  } catch {
    return null;
  }
}

/** Loaded when the page opens, so the tap itself calls wx.requestSubscribeMessage at once (WeChat wants it in the tap). */
export interface ReporterTemplates {
  token: string;
  /** The company's reporter templates and what this reporter has left of each. */
  templates: CreditView[];
}

export async function loadReporterTemplates(assetCode: string): Promise<ReporterTemplates | null> {
  const session = await ensureReporterSession();
  if (!session) return null;
  const status = await reporterTemplates(session.token, assetCode).catch(() => null);
  return status && status.templates.length > 0 ? { token: session.token, templates: status.templates } : null;
}

/** The reporter's tap (after filing, on the tracking page, at "not fixed"): ask for these, record what they accepted. */
export async function subscribeReporter(loaded: ReporterTemplates, templateIds: string[]): Promise<boolean> {
  const results = await requestSubscribe(templateIds);
  if (Object.keys(results).length === 0) return false;
  await reportReporterSubscriptions(loaded.token, { results }).catch(() => undefined);
  return Object.values(results).includes('accept');
}
