/**
 * A list of e-mail addresses and domains, compared case-insensitively. An entry with a local
 * part (`support@agency.gov`) matches that address; a bare domain (`agency.gov` or
 * `@agency.gov`) matches every address at exactly that domain, not its subdomains.
 */
export function matchesAddressList(address: string, entries: readonly string[]): boolean {
  const wanted = address.trim().toLowerCase();
  const at = wanted.lastIndexOf('@');
  if (at <= 0 || at === wanted.length - 1) return false;
  const domain = wanted.slice(at + 1);
  return entries.some((entry) => {
    const normalised = entry.trim().toLowerCase();
    if (normalised.startsWith('@')) return normalised.slice(1) === domain;
    return normalised.includes('@') ? normalised === wanted : normalised === domain;
  });
}
