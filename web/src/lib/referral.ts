/**
 * A partner NGO's link, `/?ref=CODE`: the code is read once, kept in memory and sent with the new
 * case, and removed from the address bar (no history entry added). Anything that cannot be a
 * referral code is ignored — a victim never sees an error because of a link.
 */
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export function takeReferralFromUrl(): string | undefined {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('ref');
  if (code === null) return undefined;
  url.searchParams.delete('ref');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  return CODE.test(code) ? code : undefined;
}
