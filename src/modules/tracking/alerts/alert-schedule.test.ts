import { describe, expect, it } from 'vitest';
import { startAlertSchedule, type AlertDispatcher, type DispatchRound } from './alert-dispatcher.ts';

const empty: DispatchRound = { subscriptions: 0, emails: 0, texts: 0, failed: 0, waiting: 0 };

/** A dispatcher whose rounds end when the test says so. */
function heldDispatcher() {
  const ends: (() => void)[] = [];
  let rounds = 0;
  const dispatcher: AlertDispatcher = {
    runOnce: () =>
      new Promise<DispatchRound>((resolve) => {
        rounds++;
        ends.push(() => resolve({ ...empty, emails: 1 }));
      }),
  };
  return { dispatcher, rounds: () => rounds, finish: () => ends.shift()?.() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('startAlertSchedule', () => {
  it('runs a round when nudged, and one more (not one per nudge) for nudges during a round', async () => {
    const held = heldDispatcher();
    const logged: Record<string, string | number>[] = [];
    const schedule = startAlertSchedule(held.dispatcher, { intervalMs: 3_600_000, log: (event) => logged.push(event) });
    schedule.nudge();
    expect(held.rounds()).toBe(1);
    schedule.nudge();
    schedule.nudge();
    expect(held.rounds()).toBe(1);
    held.finish();
    await settle();
    expect(held.rounds()).toBe(2);
    held.finish();
    await settle();
    expect(held.rounds()).toBe(2);
    expect(logged).toEqual([
      { msg: 'tracking alerts sent', ...empty, emails: 1 },
      { msg: 'tracking alerts sent', ...empty, emails: 1 },
    ]);
    await schedule.stop();
  });

  it('waits for the round in progress when stopped, and runs none after', async () => {
    const held = heldDispatcher();
    const schedule = startAlertSchedule(held.dispatcher, { intervalMs: 3_600_000, log: () => undefined });
    schedule.nudge();
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    held.finish();
    await stopping;
    schedule.nudge();
    expect(held.rounds()).toBe(1);
  });

  it('logs a failed round by the error’s name only', async () => {
    const logged: Record<string, string | number>[] = [];
    const failing: AlertDispatcher = { runOnce: () => Promise.reject(new TypeError('to ada@example.org')) };
    const schedule = startAlertSchedule(failing, { intervalMs: 3_600_000, log: (event) => logged.push(event) });
    schedule.nudge();
    await schedule.stop();
    expect(logged).toEqual([{ msg: 'tracking alert round failed', error: 'TypeError' }]);
  });
});
