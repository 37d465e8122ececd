/**
 * H5 only. The server answers a printed QR's /r/<code> with index.html carrying a shell that already names the
 * device (`#bx-landing`, painted before any script runs) and the scan answer (`#bx-scan`, JSON), see
 * server/src/web/h5.ts. The asset page takes the answer instead of asking for it again, and removes the shell once
 * it has drawn itself.
 */

/** The embedded scan answer for `code`, once: a reload or a second visit asks the server. */
export function takeEmbeddedScan(code: string): unknown {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return null;
  const el = document.getElementById('bx-scan');
  if (!el) return null;
  el.remove();
  try {
    const data = JSON.parse(el.textContent ?? '') as { asset?: { code?: unknown } };
    return data.asset?.code === code ? data : null;
  } catch {
    return null;
  }
}

/** Removes the server-drawn shell (idempotent). */
export function dismissLandingShell(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  document.getElementById('bx-landing')?.remove();
}
