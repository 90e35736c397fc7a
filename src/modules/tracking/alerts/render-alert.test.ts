import { describe, expect, it } from 'vitest';
import { maskedPiece, renderAlert } from './render-alert.ts';

const piece = '9200190123456780000404';

describe('renderAlert', () => {
  it('names the piece by its last six characters only', () => {
    expect(maskedPiece(piece)).toBe('...000404');
    const alert = renderAlert(
      'package',
      piece,
      [{ event: 'delivered', at: new Date('2026-11-25T19:03:00Z'), facilityZip: '20260' }],
      'America/New_York',
    );
    for (const part of [alert.subject, alert.body, alert.text]) {
      expect(part).toContain('...000404');
      expect(part).not.toContain(piece);
    }
  });

  it('tells the time in the agency’s zone, with the facility’s ZIP Code', () => {
    const alert = renderAlert(
      'package',
      piece,
      [{ event: 'delivered', at: new Date('2026-11-25T19:03:00Z'), facilityZip: '20260' }],
      'America/New_York',
    );
    expect(alert.text).toBe('USPS Tracking ...000404: Delivered, Nov 25, 2:03 PM EST, 20260.');
    expect(alert.subject).toBe('USPS Tracking ...000404: Delivered');
  });

  it('texts the newest event and counts the others; the e-mail lists them all', () => {
    const events = [
      { event: 'acceptance', at: new Date('2026-11-24T14:00:00Z'), facilityZip: '20066' },
      { event: 'in_transit', at: new Date('2026-11-24T23:00:00Z'), facilityZip: null },
      { event: 'out_for_delivery', at: new Date('2026-11-25T12:10:00Z'), facilityZip: '20260' },
    ];
    const alert = renderAlert('mail', piece, events, 'America/New_York');
    expect(alert.text).toContain('Out for delivery');
    expect(alert.text).toContain('(+2 earlier updates)');
    expect(alert.text).not.toContain('Accepted');
    expect(alert.body).toContain('Mailpiece ...000404 has 3 new tracking updates');
    for (const line of ['Accepted', 'In transit', 'Out for delivery', '20066']) expect(alert.body).toContain(line);
  });

  it('keeps a text message within one SMS segment', () => {
    const longest = 'pre_shipment';
    const earlier = Array.from({ length: 120 }, (_, i) => ({
      event: 'processed',
      at: new Date(Date.UTC(2026, 10, 20, i)),
      facilityZip: '20066',
    }));
    const alert = renderAlert(
      'package',
      piece,
      [...earlier, { event: longest, at: new Date('2026-11-25T19:03:00Z'), facilityZip: '20260' }],
      'America/Argentina/ComodRivadavia',
    );
    expect(alert.text).toContain('Shipping label created');
    expect(alert.text).toContain('(+120 earlier updates)');
    expect(alert.text.length).toBeLessThanOrEqual(160);
  });

  it('writes text messages in plain ASCII, so that they are not sent as UCS-2', () => {
    const alert = renderAlert(
      'package',
      piece,
      [{ event: 'held_at_request', at: new Date('2026-11-25T19:03:00Z'), facilityZip: null }],
      'America/New_York',
    );
    expect(alert.text).toContain("Held at the customer's request");
    expect(alert.text).toMatch(/^[\x20-\x7e]+$/);
  });
});
