import { describe, expect, it } from 'vitest';
import { normaliseAddress } from '../../customers/index.ts';
import { cmraKey, forwardingDestination, streetLinesOf } from './forwarding-destination.ts';

const at = (lines: string | string[], zip = '62704') => normaliseAddress({ lines, city: 'Springfield', state: 'IL', zip });
const none = new Set<string>();

describe('forwardingDestination', () => {
  it('flags a PO box from the normalised delivery line, however it was written', () => {
    for (const line of ['P.O. Box 12', 'Post Office Box 12', 'po box 12'])
      expect(forwardingDestination(at(line), none)).toEqual({ poBox: true, cmra: false });
  });

  it('flags a private mailbox (PMB) as a CMRA', () => {
    expect(forwardingDestination(at('4 Elm Ave Ste 100 PMB 7'), none)).toEqual({ poBox: false, cmra: true });
    expect(forwardingDestination(at(['123 Main St', 'PMB 45']), none).cmra).toBe(true);
  });

  it('flags a listed CMRA with or without the PMB, and only at its ZIP Code', () => {
    const listed = new Set([cmraKey('123 MAIN ST', '62704')]);
    expect(forwardingDestination(at('123 Main Street #45'), listed).cmra).toBe(true);
    expect(forwardingDestination(at('123 Main St'), listed).cmra).toBe(true);
    expect(forwardingDestination(at('123 Main St', '62701'), listed).cmra).toBe(false);
    expect(forwardingDestination(at('125 Main St'), listed).cmra).toBe(false);
  });

  it('leaves an ordinary home address unflagged', () => {
    expect(forwardingDestination(at('742 Evergreen Terrace Apt 2'), none)).toEqual({ poBox: false, cmra: false });
  });

  it('reads the street line behind a unit or a PMB', () => {
    expect(streetLinesOf(at('4 Elm Ave Ste 100 PMB 7'))).toContain('4 ELM AVE STE 100');
    expect(streetLinesOf(at('123 Main Street #45'))).toContain('123 MAIN ST');
  });
});
