import { TextField } from '../forms/TextField.tsx';

/** The 6-digit code from an authenticator app. */
export function CodeField({
  value,
  onChange,
  error,
}: {
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly error?: string | undefined;
}) {
  return (
    <TextField
      id="code"
      label="Authentication code"
      hint="The 6-digit code shown in your authenticator app."
      value={value}
      onChange={(v) => onChange(v.replace(/\s+/g, ''))}
      error={error}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      pattern="[0-9]{6}"
      className="caseline-code-field"
      aria-required
    />
  );
}

export function checkCode(code: string): Record<string, string> {
  return /^\d{6}$/.test(code) ? {} : { code: 'Enter the 6-digit code from your authenticator app.' };
}
