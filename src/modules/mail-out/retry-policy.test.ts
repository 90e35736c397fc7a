import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultMaxAttempts, nextAttemptAt, retryDelaysMs, sendFailureOf } from './retry-policy.ts';

const at = new Date('2026-03-02T15:00:00Z');
const minutesAfter = (date: Date | null) => (date === null ? null : (date.getTime() - at.getTime()) / 60_000);

describe('sendFailureOf', () => {
  it('reads SMTP reply codes: 5yz permanent except 503, 4yz transient', () => {
    expect(sendFailureOf({ responseCode: 550, response: '550 5.1.1 <ada@example.org>: no such user' })).toEqual({
      code: 'smtp-550',
      permanent: true,
    });
    expect(sendFailureOf({ responseCode: 554 })).toEqual({ code: 'smtp-554', permanent: true });
    expect(sendFailureOf({ responseCode: 503 })).toEqual({ code: 'smtp-503', permanent: false });
    expect(sendFailureOf({ responseCode: 451 })).toEqual({ code: 'smtp-451', permanent: false });
    expect(sendFailureOf({ responseCode: 421, code: 'EENVELOPE' })).toEqual({ code: 'smtp-421', permanent: false });
  });

  it('takes a connection failure as transient, keeping only a plain error code', () => {
    expect(sendFailureOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toEqual({
      code: 'ESOCKET',
      permanent: false,
    });
    expect(sendFailureOf({ code: 'ETIMEDOUT' })).toEqual({ code: 'ETIMEDOUT', permanent: false });
    expect(sendFailureOf(new Error('odd'))).toEqual({ code: 'error', permanent: false });
    expect(sendFailureOf('thrown string')).toEqual({ code: 'error', permanent: false });
    expect(sendFailureOf({ code: 'ada@example.org' })).toEqual({ code: 'error', permanent: false });
  });

  it('never returns anything but a code, whatever the error carries', () => {
    fc.assert(
      fc.property(fc.anything(), (error) => {
        const failure = sendFailureOf(error);
        expect(failure.code).toMatch(/^(smtp-\d{3}|[A-Z][A-Z0-9_]{0,31}|error)$/);
      }),
    );
  });
});

describe('nextAttemptAt', () => {
  const transient = { code: 'smtp-451', permanent: false };

  it('backs off 1 min, 5 min, 30 min, 2 h, … and gives up after the last attempt', () => {
    const waits = Array.from({ length: defaultMaxAttempts }, (_, i) => minutesAfter(nextAttemptAt(i + 1, transient, at)));
    expect(waits).toEqual([1, 5, 30, 120, 360, 720, 1440, null]);
  });

  it('gives up at once on a permanent refusal', () => {
    expect(nextAttemptAt(1, { code: 'smtp-550', permanent: true }, at)).toBeNull();
  });

  it('waits longer after each failure, never past the longest delay, and never retries past the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (attempts, max) => {
        const next = nextAttemptAt(attempts, transient, at, max);
        if (attempts >= max) {
          expect(next).toBeNull();
          return;
        }
        const wait = next!.getTime() - at.getTime();
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(retryDelaysMs.at(-1)!);
        const later = nextAttemptAt(attempts + 1, transient, at, max + 1);
        expect(later!.getTime() - at.getTime()).toBeGreaterThanOrEqual(wait);
      }),
    );
  });
});
