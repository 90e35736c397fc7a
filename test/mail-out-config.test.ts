import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

// The outbound e-mail settings: off unless a relay is set, and a relay needs a From.
const base = { CASELINE_DATA: '/tmp/caseline-mail-out-config' };
const refusal = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
};

describe('outbound e-mail configuration', () => {
  it('is off by default: replies stay queued', () => {
    expect(loadConfig(base)).toMatchObject({ smtpRelay: null, mailFrom: null });
  });

  it('takes an smtp:// or smtps:// relay with a From', () => {
    expect(
      loadConfig({ ...base, CASELINE_SMTP_RELAY: 'smtp://relay.example.gov:25', CASELINE_MAIL_FROM: 'Customer Care <care@example.gov>' }),
    ).toMatchObject({ smtpRelay: 'smtp://relay.example.gov:25', mailFrom: 'Customer Care <care@example.gov>' });
    expect(loadConfig({ ...base, CASELINE_SMTP_RELAY: 'smtps://relay.example.gov', CASELINE_MAIL_FROM: 'care@example.gov' })).toMatchObject(
      {
        smtpRelay: 'smtps://relay.example.gov',
      },
    );
  });

  it('names the variable at fault, and never repeats a relay URL (it may hold a password)', () => {
    for (const relay of ['http://relay.example.gov', 'relay.example.gov:25', 'smtp://relay.example.gov/path', 'smtp://user:s3cret@']) {
      const message = refusal({ CASELINE_SMTP_RELAY: relay, CASELINE_MAIL_FROM: 'care@example.gov' });
      expect(message).toMatch(/^CASELINE_SMTP_RELAY /);
      expect(message).not.toContain('s3cret');
    }
    expect(refusal({ CASELINE_SMTP_RELAY: 'smtp://relay.example.gov:25' })).toMatch(/^CASELINE_MAIL_FROM must be set/);
    for (const value of ['care', 'Care <care>', 'a@b.gov, c@d.gov'])
      expect(refusal({ CASELINE_MAIL_FROM: value })).toMatch(/^CASELINE_MAIL_FROM /);
  });
});
