import type { ReactNode } from 'react';
import { QrCode } from '../auth/QrCode.tsx';

/** Groups of four, as authenticator apps show keys; the spaces are ignored when typed. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Adding an authenticator app, for staff and customers alike: scan the QR code or type the same
 * key, then enter a first code in the form the caller gives as children. The heading level
 * follows the page's outline; the key's id is the caller's, as each page has its own.
 */
export function AuthenticatorSteps({
  enrolment,
  qrAlt,
  secretId,
  heading: Heading,
  testId,
  children,
}: {
  readonly enrolment: { readonly uri: string; readonly secret: string };
  readonly qrAlt: string;
  readonly secretId: string;
  readonly heading: 'h2' | 'h3';
  readonly testId?: string;
  readonly children: ReactNode;
}) {
  return (
    <ol className="usa-process-list" data-testid={testId}>
      <li className="usa-process-list__item">
        <Heading className="usa-process-list__heading">Scan the QR code</Heading>
        <p>Open your authenticator app, choose to add an account, and scan this code.</p>
        <QrCode value={enrolment.uri} alt={qrAlt} />
      </li>
      <li className="usa-process-list__item">
        <Heading className="usa-process-list__heading">Or enter the key yourself</Heading>
        <p>If you cannot scan the code, choose to enter a key in your app, and type this one. It is a time-based key.</p>
        <label className="usa-label" htmlFor={secretId}>
          Authenticator key
        </label>
        <input id={secretId} className="usa-input caseline-secret" type="text" readOnly value={enrolment.secret} spellCheck={false} />
        <p className="usa-hint" aria-hidden="true">
          In groups of four: <span className="caseline-mono">{grouped(enrolment.secret)}</span>
        </p>
      </li>
      <li className="usa-process-list__item">
        <Heading className="usa-process-list__heading">Enter the code it shows</Heading>
        {children}
      </li>
    </ol>
  );
}
