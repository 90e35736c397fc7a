/** A From address as configured: `Customer Care <care@example.gov>` or a bare `care@example.gov`. */
export interface Mailbox {
  readonly name: string;
  readonly address: string;
}

const bare = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u;
const named = /^\s*(?:"([^"\r\n]*)"|([^"<>\r\n]*?))\s*<([^<>\s]+)>\s*$/u;

/** The mailbox a From value names, or null when it is not one. */
export function parseMailbox(value: string): Mailbox | null {
  const trimmed = value.trim();
  if (bare.test(trimmed)) return { name: '', address: trimmed };
  const match = named.exec(trimmed);
  if (!match || !bare.test(match[3]!)) return null;
  return { name: (match[1] ?? match[2] ?? '').trim(), address: match[3]! };
}

/** The domain part of an address (what our Message-IDs end in). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
