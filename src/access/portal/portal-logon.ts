/** Why an e-mail address cannot be a logon; names the rule, never repeats the value. */
export class InvalidLogon extends Error {}

const address = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/**
 * The logon form of an e-mail address: trimmed and lower-cased, so that the address typed
 * at sign-in finds the account whatever its case. Sub-addresses (+tag) stay distinct: they
 * may be separate mailboxes on the customer's server.
 */
export function logonOf(email: string): string {
  const logon = email.trim().toLowerCase();
  if (logon.length > 254 || !address.test(logon)) throw new InvalidLogon('must be an e-mail address such as name@example.com');
  return logon;
}
