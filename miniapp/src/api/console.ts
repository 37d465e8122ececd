import Taro from '@tarojs/taro';
import type { z } from 'zod';
import { filenameFrom } from '../lib/filename';
import { clearSession } from '../lib/session';
import { routes } from '../lib/routes';
import { apiUrl, baseHeaders } from './request';
import { badResponse, networkError, parseBody, toApiError } from './errors';

/**
 * What the manager console's calls share, and a `fetch` transport for what `Taro.request` cannot do:
 * binary downloads that need the bearer token (templates, exports, QR, label PDFs) and multipart uploads
 * of a browser `File`. The console is H5-only, so `fetch`, `Blob` and `URL.createObjectURL` are always there.
 */

/** Options for `request()`: staff token, the console's own sign-in on 401, errors shown by the page itself. */
export const CONSOLE_CALL = { auth: true, silent: true, loginUrl: routes.consoleLogin } as const;

type Query = Record<string, string | number | undefined>;

export interface FetchedFile {
  blob: Blob;
  filename: string;
  headers: Headers;
}

interface SendOptions {
  method: 'GET' | 'POST';
  path: string;
  query?: Query;
  json?: unknown;
  form?: FormData;
}

async function send(options: SendOptions): Promise<Response> {
  const headers = baseHeaders(true);
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form; // the browser writes the multipart boundary itself
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(options.path, options.query), { method: options.method, headers, body });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    if (response.status === 401) {
      clearSession();
      void Taro.redirectTo({ url: routes.consoleLogin });
    }
    throw toApiError(response.status, text);
  }
  return response;
}

/** Downloads a file into memory (the caller saves or shows it). */
export async function fetchFile(options: SendOptions, fallbackName: string): Promise<FetchedFile> {
  const response = await send(options);
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    throw networkError(); // the connection broke mid-download
  }
  return { blob, filename: filenameFrom(response.headers.get('Content-Disposition'), fallbackName), headers: response.headers };
}

/** Posts a multipart form and parses the JSON answer with the shared schema. */
export async function sendForm<S extends z.ZodType>(path: string, query: Query, form: FormData, schema: S): Promise<z.output<S>> {
  const response = await send({ method: 'POST', path, query, form });
  const parsed = schema.safeParse(parseBody(await response.text()));
  if (!parsed.success) {
    console.error(`[api] POST ${path} answered an unexpected shape`, parsed.error.issues);
    throw badResponse(response.status);
  }
  return parsed.data;
}

/** Hands a downloaded file to the browser's "save" (an `<a download>` on a blob URL). */
export function saveFile(file: { blob: Blob; filename: string }): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Not revoked at once: the browser reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
