/** The server's rule (access/passwords.ts): length only, as NIST SP 800-63B asks. */
export const passwordMinLength = 12;
export const passwordHint = `At least ${passwordMinLength} characters. A few unrelated words make a long password that is easy to remember.`;

export const linkMethodLabels: Record<string, string> = {
  knowledge: 'by the identifiers on your record (surname, ZIP Code, last four digits of your SSN)',
  email_code: 'by a code sent to the e-mail address on your record',
  new_customer: 'as a new customer record started from this account',
};

export function checkEmail(email: string): string | undefined {
  if (!email.trim()) return 'Enter your e-mail address.';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) ? undefined : 'Enter an e-mail address like name@example.com.';
}

export function checkCode(code: string): string | undefined {
  return /^\d{6}$/.test(code) ? undefined : 'Enter the 6-digit code.';
}

/** Only the messages that are set: the shape the error summary and the fields take. */
export function present(checks: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(checks).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Fields whose values are codes from a list ('text_message'), read as words. */
export const choiceFields: ReadonlySet<string> = new Set([
  'company_type',
  'company_size',
  'employment_status',
  'media_preference',
  'preferred_contact',
]);

/** What each kind of Privacy Act request asks, in the customer's words. */
export const privacyKindLabels: Readonly<Record<string, string>> = {
  notification: 'Whether we hold records about you',
  access: 'A copy of your records',
  amendment: 'A correction to your record',
  appeal: 'A review of our decision',
};

/** A request's next deadline, as what we must do by when. */
export const privacyDeadlineLabels: Readonly<Record<string, string>> = {
  acknowledge: 'We acknowledge it by',
  decide: 'We decide by',
  answer: 'We answer by',
};
