import { useEffect, useRef, useState } from 'react';
import { Alert, Button } from '@trussworks/react-uswds';

async function copy(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.select();
    return document.execCommand('copy');
  }
}

/** A new token, shown this once (the server keeps only its hash), with a copy button. */
export function NewTokenAlert({
  name,
  token,
  onDone,
  level = 2,
}: {
  readonly name: string;
  readonly token: string;
  readonly onDone: () => void;
  readonly level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  // The token appears above the form that made it: take keyboard and screen reader users there.
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'center' });
  }, [token]);
  return (
    <Alert type="success" className="margin-y-3" data-testid="new-token">
      <Heading className="usa-alert__heading" ref={heading} tabIndex={-1}>
        Token “{name}” created
      </Heading>
      <p className="usa-alert__text">Copy it now. It will not be shown again: Caseline keeps only a fingerprint of it.</p>
      <label className="usa-label" htmlFor="new-token-value">
        New API token
      </label>
      <input
        id="new-token-value"
        className="usa-input caseline-mono caseline-token-input"
        type="text"
        readOnly
        value={token}
        spellCheck={false}
      />
      <div className="caseline-actions margin-top-2">
        <Button
          type="button"
          onClick={() =>
            void copy(token, document.getElementById('new-token-value') as HTMLInputElement | null).then((ok) =>
              setStatus(ok ? 'Token copied to the clipboard.' : 'Could not copy: select the token and copy it yourself.'),
            )
          }
        >
          Copy token
        </Button>
        <Button type="button" outline onClick={onDone}>
          Done
        </Button>
      </div>
      <p role="status" className="margin-bottom-0">
        {status}
      </p>
    </Alert>
  );
}
