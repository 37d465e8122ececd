/** Finds the asset code in whatever a QR, a link or a person gave us; pure so it is unit-tested. */

const CODE_RE = /^[0-9A-Z]{6,32}$/;
const PATH_RE = /(?:^|\/)r\/([^/?#]+)\/?(?:[?#].*)?$/;

/** Same normalisation as the shared AssetCodeSchema: case and typed dashes or spaces do not matter. */
export function normalizeAssetCode(raw: string): string | null {
  const code = raw.trim().replace(/[-\s]/g, '').toUpperCase();
  return CODE_RE.test(code) ? code : null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `/r/<code>` or `https://host/r/<code>` → code. */
export function codeFromPath(pathOrUrl: string): string | null {
  const match = PATH_RE.exec(pathOrUrl.trim());
  return match ? normalizeAssetCode(safeDecode(match[1])) : null;
}

/** A mini-program code's `scene` is at most 32 chars: the bare code, or `c=<code>` / `code=<code>` pairs. */
export function codeFromScene(scene: string): string | null {
  const decoded = safeDecode(scene);
  const pair = /(?:^|&)(?:c|code)=([^&]+)/.exec(decoded);
  return normalizeAssetCode(pair ? pair[1] : decoded);
}

/** A scan result: our printed URL, a mini-program path carrying `scene`/`code`, or a bare code. */
export function codeFromScanResult(result: string): string | null {
  const fromPath = codeFromPath(result);
  if (fromPath) return fromPath;
  const query = result.includes('?') ? result.slice(result.indexOf('?') + 1) : '';
  if (query) {
    const params = parseQuery(query);
    if (params.code) return normalizeAssetCode(safeDecode(params.code));
    if (params.scene) return codeFromScene(params.scene);
    if (params.q) return codeFromPath(safeDecode(params.q));
  }
  return normalizeAssetCode(result);
}

function parseQuery(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

export interface EntryParams {
  code?: string;
  /** WeChat "scan ordinary link QR opens mini-program": the encoded printed URL. */
  q?: string;
  /** wxacode.getUnlimited's scene. */
  scene?: string;
}

/** The code the asset page should show: an explicit `code`, the link rule's `q`, a wxacode `scene`, or the H5 path. */
export function codeFromEntry(params: EntryParams, pathname?: string): string | null {
  if (params.code) return normalizeAssetCode(safeDecode(params.code));
  if (params.q) return codeFromPath(safeDecode(params.q));
  if (params.scene) return codeFromScene(params.scene);
  return pathname ? codeFromPath(pathname) : null;
}
