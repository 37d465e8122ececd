import Taro from '@tarojs/taro';
import type { z } from 'zod';
import { getLang } from '../i18n';
import { clearSession, getSession } from '../lib/session';
import { ApiError, badResponse, networkError, parseBody, showError, toApiError } from './errors';

export { ApiError } from './errors';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined>;

export interface RequestOptions<S extends z.ZodType> {
  method: Method;
  path: string;
  schema: S;
  data?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  /** Staff call: send the bearer token, and on 401 drop it and go to sign-in. */
  auth?: boolean;
  /** The caller shows the error itself (e.g. inline next to a form). */
  silent?: boolean;
  /** Where a 401 sends the user; the manager console has its own sign-in page. */
  loginUrl?: string;
}

export const LOGIN_PAGE = '/pages/engineer/login/index';

export function apiUrl(path: string, query?: Query): string {
  const pairs = Object.entries(query ?? {}).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** Server-relative photo paths (`/api/public/uploads/<id>`) made loadable from the mini-program too. */
export function assetUrl(path: string): string {
  return /^https?:\/\//.test(path) ? path : `${API_BASE}${path}`;
}

export function baseHeaders(auth: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN' };
  const session = auth ? getSession() : null;
  if (session) headers.Authorization = `Bearer ${session.token}`;
  return headers;
}

/** The one way to call the API: sends language and token, parses the answer with the shared schema, unwraps errors. */
export async function request<S extends z.ZodType>(options: RequestOptions<S>): Promise<z.output<S>> {
  const auth = options.auth ?? false;
  try {
    return await send(options, auth);
  } catch (caught) {
    const error = caught instanceof ApiError ? caught : networkError();
    if (auth && error.status === 401) {
      clearSession();
      void Taro.redirectTo({ url: options.loginUrl ?? LOGIN_PAGE });
    }
    if (!options.silent) showError(error);
    throw error;
  }
}

async function send<S extends z.ZodType>(options: RequestOptions<S>, auth: boolean): Promise<z.output<S>> {
  let response: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject>;
  try {
    response = await Taro.request<string | TaroGeneral.IAnyObject>({
      url: apiUrl(options.path, options.query),
      method: options.method,
      // Bodiless POSTs still send `{}` so a JSON body parser never sees an empty JSON request.
      data: (options.data ?? (options.method === 'GET' ? undefined : {})) as Taro.request.Option['data'],
      header: { 'Content-Type': 'application/json', ...baseHeaders(auth), ...options.headers },
    });
  } catch {
    throw networkError();
  }
  const body = parseBody(response.data);
  if (response.statusCode < 200 || response.statusCode >= 300) throw toApiError(response.statusCode, body);
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    console.error(`[api] ${options.method} ${options.path} answered an unexpected shape`, parsed.error.issues);
    throw badResponse(response.statusCode);
  }
  return parsed.data;
}
