import { describe, expect, it } from 'vitest';
import { formatImpb } from '../article-numbers/index.ts';
import { checkTrackingAlert } from './check-tracking-alert.ts';
import { InvalidTrackingAlertField, type NewTrackingAlert } from './tracking-alert.ts';

const number = formatImpb({ applicationId: '92', serviceType: '001', mailerId: '912345678', serial: '0000101' });
const byEmail: NewTrackingAlert = { number, channel: 'email', email: 'ada@example.org', events: 'all' };

function fieldOf(input: NewTrackingAlert): string {
  try {
    checkTrackingAlert(input);
  } catch (error) {
    if (error instanceof InvalidTrackingAlertField) return error.field;
    throw error;
  }
  throw new Error('accepted');
}

describe('checkTrackingAlert', () => {
  it('reads a package by its article number, spaces and all, as tracking events store it', () => {
    expect(checkTrackingAlert({ ...byEmail, number: number.replace(/(\d{4})/g, '$1 ') })).toMatchObject({
      class: 'package',
      piece: number,
      channel: 'email',
      address: 'ada@example.org',
      carrier: null,
    });
  });

  it('reads a mailpiece by its IMb as its 20 tracking digits', () => {
    const checked = checkTrackingAlert({ ...byEmail, number: null, imb: '01234567094987654321 20260000475' });
    expect(checked).toMatchObject({ class: 'mail', piece: '01234567094987654321' });
  });

  it('writes a US number in E.164 and keeps its carrier', () => {
    for (const phone of ['202-555-0147', '(202) 555 0147', '+1 202 555 0147', '12025550147'])
      expect(checkTrackingAlert({ number, channel: 'text', phone, carrier: 'att', events: 'all' })).toMatchObject({
        address: '+12025550147',
        carrier: 'att',
      });
  });

  it('names the field at fault', () => {
    expect(fieldOf({ ...byEmail, number: `${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}` })).toBe('number');
    expect(fieldOf({ ...byEmail, number: null })).toBe('number');
    expect(fieldOf({ ...byEmail, imb: '01234567094987654321' })).toBe('number');
    expect(fieldOf({ ...byEmail, number: null, imb: '0123' })).toBe('imb');
    expect(fieldOf({ ...byEmail, email: 'ada at example.org' })).toBe('email');
    expect(fieldOf({ ...byEmail, email: null })).toBe('email');
    expect(fieldOf({ ...byEmail, phone: '202-555-0147' })).toBe('phone');
    expect(fieldOf({ number, channel: 'text', phone: '555-0147', carrier: 'att', events: 'all' })).toBe('phone');
    expect(fieldOf({ number, channel: 'text', phone: '+44 20 7946 0958', carrier: 'att', events: 'all' })).toBe('phone');
    expect(fieldOf({ number, channel: 'text', phone: '202-555-0147', events: 'all' })).toBe('carrier');
    expect(fieldOf({ ...byEmail, events: 'some' as NewTrackingAlert['events'] })).toBe('events');
  });
});
