import { describe, expect, it } from 'vitest';
import { claimValues, displayNameOf, mapRoles, providerPassedMfa, usernameBase, usernameCandidates } from './oidc-claims.ts';
import { usernamePattern } from '../staff/staff-user.ts';

describe('provider MFA rule', () => {
  it('counts amr mfa, otp or hwk, and the multi-factor acr classes', () => {
    expect(providerPassedMfa({ amr: ['pwd', 'mfa'] })).toBe(true);
    expect(providerPassedMfa({ amr: ['pwd', 'otp'] })).toBe(true);
    expect(providerPassedMfa({ amr: ['hwk'] })).toBe(true);
    expect(providerPassedMfa({ acr: 'http://schemas.openid.net/pape/policies/2007/06/multi-factor' })).toBe(true);
    expect(providerPassedMfa({ acr: 'http://idmanagement.gov/ns/assurance/aal/2' })).toBe(true);
    expect(providerPassedMfa({ acr: 'http://idmanagement.gov/ns/assurance/aal/3?hspd12=true' })).toBe(true);
  });

  it('does not count a password, an unknown acr, a look-alike acr, or nothing', () => {
    expect(providerPassedMfa({ amr: ['pwd'] })).toBe(false);
    expect(providerPassedMfa({ amr: 'pwd' })).toBe(false);
    expect(providerPassedMfa({ acr: '1' })).toBe(false);
    expect(providerPassedMfa({ acr: 'http://idmanagement.gov/ns/assurance/aal/1' })).toBe(false);
    expect(providerPassedMfa({ acr: 'http://idmanagement.gov/ns/assurance/aal/20' })).toBe(false);
    expect(providerPassedMfa({})).toBe(false);
  });
});

describe('claims to roles', () => {
  const roleMap = [
    { group: 'cc-agents', role: 'agent' },
    { group: 'cc-auditors', role: 'auditor' },
    { group: 'cc-leads', role: 'agent' },
    { group: 'cc-leads', role: 'supervisor' },
  ] as const;

  it('reads a string or an array claim, by exact name first, then as a dotted path', () => {
    expect(claimValues({ groups: 'cc-agents' }, 'groups')).toEqual(['cc-agents']);
    expect(claimValues({ groups: ['a', 7, '', 'b'] }, 'groups')).toEqual(['a', 'b']);
    expect(claimValues({ realm_access: { roles: ['x'] } }, 'realm_access.roles')).toEqual(['x']);
    expect(claimValues({ 'https://example.gov/groups': ['y'] }, 'https://example.gov/groups')).toEqual(['y']);
    expect(claimValues({ groups: { a: 1 } }, 'groups')).toEqual([]);
    expect(claimValues({}, 'groups')).toEqual([]);
  });

  it('maps groups to staff roles once each, ignoring unmapped groups', () => {
    expect(mapRoles(['cc-leads', 'cc-agents', 'marketing'], roleMap)).toEqual(['agent', 'supervisor']);
    expect(mapRoles(['marketing'], roleMap)).toEqual([]);
  });
});

describe('usernames for new SSO accounts', () => {
  const valid = new RegExp(usernamePattern);

  it('come from preferred_username, else the e-mail local part, folded to a valid username', () => {
    expect(usernameBase({ preferred_username: 'Jane.Doe' })).toBe('jane.doe');
    expect(usernameBase({ preferred_username: 'jane@agency.gov' })).toBe('jane');
    expect(usernameBase({ email: 'Émile.Zola+cc@agency.gov' })).toBe('emile.zola-cc');
    expect(usernameBase({ preferred_username: '__007 bond__' })).toBe('bond');
    expect(usernameBase({ preferred_username: '日本' })).toBe('sso-user');
    expect(usernameBase({})).toBe('sso-user');
    const long = usernameBase({ preferred_username: 'a'.repeat(100) });
    for (const candidate of usernameCandidates(long, () => 'abc123')) expect(candidate).toMatch(valid);
  });

  it('try numbered and then random suffixes', () => {
    const candidates = usernameCandidates('jane', () => 'f00d42');
    expect(candidates.slice(0, 3)).toEqual(['jane', 'jane-2', 'jane-3']);
    expect(candidates.at(-1)).toBe('jane-f00d42');
    expect(new Set(candidates).size).toBe(candidates.length);
  });

  it('name the account from name, else given and family names, else the username', () => {
    expect(displayNameOf({ name: 'Jane Doe' }, 'jd')).toBe('Jane Doe');
    expect(displayNameOf({ given_name: 'Jane', family_name: 'Doe' }, 'jd')).toBe('Jane Doe');
    expect(displayNameOf({}, 'jd')).toBe('jd');
  });
});
