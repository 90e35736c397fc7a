import { TextField } from '../forms/TextField.tsx';
import { passwordHint } from './portalText.ts';

/** The page keeps each field's id and label: its error summary links to the same ones. */
interface PortalFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | undefined;
}

/**
 * The address an account signs in with, at most 254 characters (the longest an address can be).
 * Sign-in asks for autocomplete "username" so that password managers offer the saved account.
 */
export function PortalEmailField({
  hint,
  autoComplete,
  ...field
}: PortalFieldProps & { readonly hint?: string; readonly autoComplete: 'email' | 'username' }) {
  return <TextField {...field} type="email" hint={hint} autoComplete={autoComplete} maxLength={254} aria-required />;
}

/** A password being chosen, with the rule it must meet. */
export function PortalNewPasswordField(field: PortalFieldProps) {
  return <TextField {...field} type="password" hint={passwordHint} autoComplete="new-password" aria-required />;
}

/** A 6-digit code, e-mailed, texted, mailed or shown by an app; spaces are dropped, as codes are often shown in groups. */
export function PortalCodeField({ hint, onChange, ...field }: PortalFieldProps & { readonly hint: string }) {
  return (
    <TextField
      {...field}
      hint={hint}
      onChange={(v) => onChange(v.replace(/\s+/g, ''))}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      className="caseline-code-field"
      aria-required
    />
  );
}
