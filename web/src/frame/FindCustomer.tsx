import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Search } from '@trussworks/react-uswds';

/**
 * The header's 'find customer' box. What was typed goes as-is to POST /api/lookup, which
 * works out what it is (e-mail, phone, ZIP, customer id, name, case number…). The text is personal
 * data, so it travels to the results page in router state, never in the URL.
 */
export function FindCustomer() {
  const navigate = useNavigate();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const input = form.elements.namedItem('find-customer') as HTMLInputElement | null;
    const q = (input?.value ?? '').trim();
    if (!q) {
      input?.focus();
      return;
    }
    form.reset();
    navigate('/search', { state: { q, from: 'header' } });
  };
  return (
    <div className="caseline-find-customer">
      <Search
        size="small"
        onSubmit={submit}
        inputId="find-customer"
        inputName="find-customer"
        label="Find customer"
        buttonAriaLabel="Find"
        placeholder="Name, e-mail, phone or ZIP"
        inputProps={{ autoComplete: 'off', spellCheck: false }}
      />
    </div>
  );
}
