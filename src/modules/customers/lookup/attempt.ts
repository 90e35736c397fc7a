/**
 * Runs a crypto normaliser and turns its refusal into `undefined`. Any error is swallowed,
 * not just InvalidIndexValueError: the box must keep answering whatever is pasted into it,
 * and an unrecognised value simply yields no interpretation. Nothing is logged, since the
 * value is personal data.
 */
export function attempt(normalise: (value: string) => string, value: string): string | undefined {
  try {
    const normalised = normalise(value);
    return normalised === '' ? undefined : normalised;
  } catch {
    return undefined;
  }
}
