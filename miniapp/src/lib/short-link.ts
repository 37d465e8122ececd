import { codeFromPath } from './asset-code';

export const ASSET_PAGE = '/pages/reporter/asset/index';

/**
 * H5 only: the server answers `/r/<code>` with index.html, so before the router starts
 * we rewrite the address to the asset page (replaceState keeps Back from looping).
 */
export function redirectShortLink(): void {
  const code = codeFromPath(window.location.pathname);
  if (!code) return;
  window.history.replaceState(window.history.state, '', `${ASSET_PAGE}?code=${encodeURIComponent(code)}`);
}
