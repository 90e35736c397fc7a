import type { TableDecl } from '../types.ts';

// Migration 0023_portal_accounts: the customer portal's sign-in. 880.000's customer record
// lists a "logon ID" and password (record type usps-880/customer); sessions and one-time
// codes are the machinery of that sign-in and live as long as it.
export const portalTables: Readonly<Record<string, TableDecl>> = {
  portal_accounts: {
    personal: true,
    notice: '880.000',
    description:
      'Customer portal accounts: the e-mail address (encrypted; an HMAC finds it at sign-in), password hash, optional authenticator, verification and how the account was linked to its customer record.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      record_type: 'operational',
      // A keyed digest of the e-mail address still singles the person out to whoever holds the key.
      logon_digest: 'identifier',
      email_ct: 'identifier',
      password_hash: 'sensitive',
      totp_secret: 'sensitive',
      totp_enabled_at: 'operational',
      email_verified_at: 'operational',
      linked_at: 'operational',
      link_method: 'operational',
      failed_logins: 'operational',
      locked_until: 'operational',
      link_failures: 'operational',
      link_locked_until: 'operational',
      created_at: 'operational',
      updated_at: 'operational',
      dispose_after: 'operational',
    },
  },
  portal_sessions: {
    personal: true,
    notice: '880.000',
    description: 'Signed-in portal sessions: the token’s hash, the account and customer it is bound to, a browser label, times.',
    columns: {
      id: 'operational',
      token_hash: 'sensitive',
      account_id: 'operational',
      subject_id: 'operational',
      csrf_token: 'sensitive',
      mfa_passed: 'operational',
      client_label: 'content',
      created_at: 'operational',
      last_seen_at: 'operational',
      expires_at: 'operational',
    },
  },
  portal_codes: {
    personal: true,
    notice: '880.000',
    description:
      'One-time codes for e-mail verification, password reset and identity proof when linking an account: keyed hashes, attempts, expiry; a code mailed by letter is kept encrypted until the print room has printed it.',
    columns: {
      id: 'operational',
      account_id: 'operational',
      subject_id: 'operational',
      purpose: 'operational',
      channel: 'operational',
      link_subject: 'operational',
      code_hash: 'sensitive',
      attempts: 'operational',
      created_at: 'operational',
      expires_at: 'operational',
      used_at: 'operational',
      letter_ct: 'sensitive',
      printed_at: 'operational',
    },
  },
};
