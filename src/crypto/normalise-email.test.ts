import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidIndexValueError } from './errors.ts';
import { normaliseEmail } from './normalise-email.ts';

const localPart = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/);
const domain = fc.oneof(
  fc.constantFrom('gmail.com', 'googlemail.com', 'outlook.com', 'example.org', 'usps.gov', 'proton.me', 'yahoo.com'),
  fc.stringMatching(/^[a-zä0-9.-]{1,16}$/),
);

describe('normaliseEmail', () => {
  it('lower-cases and trims', () => {
    expect(normaliseEmail('  Jane.Doe@Example.ORG ')).toBe('jane.doe@example.org');
  });

  it('folds googlemail into gmail and drops dots in Gmail local parts', () => {
    expect(normaliseEmail('J.A.N.E@googlemail.com')).toBe('jane@gmail.com');
  });

  it('strips +tags only for providers that document sub-addressing', () => {
    expect(normaliseEmail('jane+orders@gmail.com')).toBe('jane@gmail.com');
    expect(normaliseEmail('jane+x@hotmail.com')).toBe('jane@hotmail.com');
    expect(normaliseEmail('jane+x@icloud.com')).toBe('jane@icloud.com');
    expect(normaliseEmail('jane+x@example.org')).toBe('jane+x@example.org');
    expect(normaliseEmail('jane-x@yahoo.com')).toBe('jane-x@yahoo.com');
  });

  it('keeps dots outside Gmail', () => {
    expect(normaliseEmail('jane.doe@outlook.com')).toBe('jane.doe@outlook.com');
  });

  it('folds internationalised domains to punycode and drops a trailing dot', () => {
    expect(normaliseEmail('hans@Bücher.de.')).toBe('hans@xn--bcher-kva.de');
  });

  const malformed = ['', 'jane', '@example.org', 'jane@', 'jane@localhost', 'a@example..org', 'a@example.org..', 'ja ne@x.org', 'a@@x.org'];
  it.each(malformed)('rejects %j', (value) => {
    expect(() => normaliseEmail(value)).toThrow(InvalidIndexValueError);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(localPart, domain, fc.constantFrom('', ' '), (local, host, pad) => {
        let once: string;
        try {
          once = normaliseEmail(`${pad}${local}@${host.toUpperCase()}`);
        } catch {
          return;
        }
        expect(normaliseEmail(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
