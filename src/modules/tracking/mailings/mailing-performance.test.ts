import { describe, expect, it } from 'vitest';
import { performanceWindow, summarisePerformance } from './mailing-performance.ts';

describe('performanceWindow', () => {
  it('reads from the day before the mailing date to 32 days after it, never past now', () => {
    const early = performanceWindow('2026-11-20', new Date('2026-11-25T17:00:00Z'));
    expect(early.from.toISOString()).toBe('2026-11-19T00:00:00.000Z');
    expect(early.to.toISOString()).toBe('2026-11-25T17:00:00.000Z');
    expect(early.eventsKeptUntil.toISOString()).toBe('2026-12-22T00:00:00.000Z');
    const late = performanceWindow('2026-10-01', new Date('2026-11-25T17:00:00Z'));
    expect(late.to.toISOString()).toBe('2026-11-02T00:00:00.000Z');
  });

  it('is empty, not inverted, for a mailing dated ahead', () => {
    const ahead = performanceWindow('2026-12-10', new Date('2026-11-25T17:00:00Z'));
    expect(ahead.to.getTime()).toBe(ahead.from.getTime());
  });
});

describe('summarisePerformance', () => {
  const window = performanceWindow('2026-11-20', new Date('2026-11-25T17:00:00Z'));

  it('adds the groups up, and counts the pieces of the count not seen', () => {
    const p = summarisePerformance(
      'm',
      true,
      10,
      [
        { lastEvent: 'processed', pieces: 3, delivered: 0, lastAt: new Date('2026-11-22T03:00:00Z') },
        { lastEvent: 'delivered', pieces: 4, delivered: 4, lastAt: new Date('2026-11-24T15:00:00Z') },
        // Delivered, then forwarded: delivered once, last seen forwarded.
        { lastEvent: 'forwarded', pieces: 1, delivered: 1, lastAt: new Date('2026-11-23T15:00:00Z') },
      ],
      window,
    );
    expect(p).toMatchObject({ piecesSeen: 8, delivered: 5, notScanned: 2, lastEventAt: new Date('2026-11-24T15:00:00Z') });
    expect(p.byLastEvent.map((g) => [g.event, g.pieces])).toEqual([
      ['delivered', 4],
      ['processed', 3],
      ['forwarded', 1],
    ]);
    expect(p.byLastEvent[0]!.description).toBe('Delivered');
  });

  it('never counts fewer than no pieces unscanned', () => {
    const p = summarisePerformance('m', true, 2, [{ lastEvent: 'delivered', pieces: 3, delivered: 3, lastAt: null }], window);
    expect(p.notScanned).toBe(0);
    expect(p.lastEventAt).toBeNull();
  });
});
