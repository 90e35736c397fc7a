/** Waits between attempts: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then a day. */
export const retryDelaysMs: readonly number[] = [1, 5, 30, 120, 360, 720, 1440].map((minutes) => minutes * 60_000);

export const defaultMaxAttempts = 8;

/** What a failed send says about the next one, in codes only (no reply text: it can quote addresses). */
export interface SendFailure {
  /** `smtp-451`, `smtp-550`, or the connection's error code (`ECONNECTION`, `ETIMEDOUT`, …). */
  readonly code: string;
  /** The relay refused the message for good: sending it again would get the same answer. */
  readonly permanent: boolean;
}

/**
 * Reads a nodemailer error. RFC 5321: a 5yz reply is a permanent refusal, a 4yz a transient one;
 * 503 (bad sequence of commands) is about the session, not the message, so it is retried. An
 * error without a reply (the relay is down, a timeout) is transient.
 */
export function sendFailureOf(error: unknown): SendFailure {
  const { responseCode, code } = (typeof error === 'object' && error !== null ? error : {}) as {
    responseCode?: unknown;
    code?: unknown;
  };
  if (typeof responseCode === 'number' && Number.isInteger(responseCode) && responseCode >= 200 && responseCode < 600) {
    return { code: `smtp-${responseCode}`, permanent: responseCode >= 500 && responseCode !== 503 };
  }
  const plain = typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,31}$/u.test(code) ? code : 'error';
  return { code: plain, permanent: false };
}

/**
 * After the `attempts`-th attempt failed: when to try again, or null when the message has
 * failed for good (a permanent refusal, or the last attempt used up).
 */
export function nextAttemptAt(attempts: number, failure: SendFailure, now: Date, maxAttempts: number = defaultMaxAttempts): Date | null {
  if (failure.permanent || attempts >= maxAttempts) return null;
  const delay = retryDelaysMs[Math.min(Math.max(attempts, 1), retryDelaysMs.length) - 1]!;
  return new Date(now.getTime() + delay);
}
