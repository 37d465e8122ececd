/** The invite token from what the scanner read: the invite URL (…/pages/engineer/login/index?invite=…) or a bare token. */
export function inviteFromScan(text: string): string | null {
  const fromUrl = /[?&]invite=([A-Za-z0-9_-]{20,64})(?:&|$)/.exec(text)?.[1];
  if (fromUrl) return fromUrl;
  return /^[A-Za-z0-9_-]{20,64}$/.test(text.trim()) ? text.trim() : null;
}
