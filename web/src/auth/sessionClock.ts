import { serverClockOffset } from '../api/client.ts';
import type { Session } from '../api/auth.ts';

/**
 * When the session will end, on this machine's clock. The server ends a session after
 * `idleMinutes` without a request, or at its absolute end, whichever comes first; every
 * answer from the server restarts the idle count (see auth/AuthProvider).
 */
let idleMs = 0;
let lastActivity = 0;
let absoluteEnd = Number.POSITIVE_INFINITY;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

// A server expiry this much earlier than now + idle is the absolute end, not the idle one.
const toleranceMs = 35_000;

export const sessionClock = {
  start(session: Session, at = Date.now()): void {
    idleMs = session.idleMinutes * 60_000;
    lastActivity = at;
    const end = Date.parse(session.expiresAt) - serverClockOffset();
    absoluteEnd = end < at + idleMs - toleranceMs ? end : Number.POSITIVE_INFINITY;
    emit();
  },
  touch(at = Date.now()): void {
    if (!idleMs) return;
    lastActivity = at;
    emit();
  },
  stop(): void {
    idleMs = 0;
    absoluteEnd = Number.POSITIVE_INFINITY;
    emit();
  },
  /** Milliseconds since the epoch, or null when no session is running. */
  endsAt(): number | null {
    return idleMs ? Math.min(lastActivity + idleMs, absoluteEnd) : null;
  },
  /** How long before the end to warn: two minutes, or half the idle time when that is shorter. */
  warnBeforeMs(): number {
    return Math.min(120_000, idleMs / 2);
  },
  idleMinutes(): number {
    return idleMs / 60_000;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
