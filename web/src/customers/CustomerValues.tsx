import { useRef, useState } from 'react';
import { Button, type ModalRef } from '@trussworks/react-uswds';
import { fetchCustomer, removeValue, type Customer, type CustomerField, type CustomerValue } from '../api/customers.ts';
import { problemMessage } from '../api/problem.ts';
import { ConfirmDialog } from '../frame/ConfirmDialog.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { humanize, isAddress, sourceLabels, valueText } from './fieldText.ts';
import type { CustomerFields } from './useCustomerFields.ts';
import { MaskedText, RevealControl } from './SensitiveValue.tsx';

interface Props {
  readonly customer: Customer;
  /** The registry's fields, from the server: their names, order and class (sensitive ones are tagged so). */
  readonly catalog: CustomerFields;
  readonly canEdit: boolean;
  readonly onChanged: () => void;
}

function ValueText({ value, catalog }: { readonly value: CustomerValue; readonly catalog: CustomerFields }) {
  if (isAddress(value.value))
    return (
      <span className="display-block">
        {value.value.deliveryLine}
        <br />
        {value.value.lastLine}
      </span>
    );
  if (value.masked) return <MaskedText text={value.value} />;
  return <span className="caseline-break">{valueText(value.value, catalog.get(value.field))}</span>;
}

/**
 * The customer's current values, grouped by field: each with its label, primary marker,
 * source and time. Masked fields are revealed field by field, each reveal audited.
 */
export function CustomerValues({ customer, catalog, canEdit, onChanged }: Props) {
  const { notify } = useNotifications();
  const [revealed, setRevealed] = useState<Partial<Record<CustomerField, readonly CustomerValue[]>>>({});
  const [removing, setRemoving] = useState<CustomerValue | null>(null);
  const dialog = useRef<ModalRef>(null);

  const reveal = async (field: CustomerField) => {
    const full = await fetchCustomer(customer.id, [field]);
    setRevealed((r) => ({ ...r, [field]: full.values.filter((v) => v.field === field) }));
  };

  const remove = async () => {
    if (!removing) return;
    try {
      await removeValue(customer.id, removing.id);
      notify('success', `${catalog.nameOf(removing.field)} removed. It stays in the record’s history.`);
      onChanged();
    } catch (error) {
      notify('error', `The value was not removed: ${problemMessage(error)}`);
    } finally {
      setRemoving(null);
    }
  };

  // In the server's order; a value of a field the list does not name (yet) still shows, last.
  const known = new Set(catalog.list.map((f) => f.field));
  const order = [...catalog.list.map((f) => f.field), ...new Set(customer.values.map((v) => v.field).filter((f) => !known.has(f)))];
  const groups = order
    .map((field) => ({ field, values: customer.values.filter((v) => v.field === field) }))
    .filter((g) => g.values.length > 0);

  return (
    <>
      {groups.length === 0 ? (
        <p>No values recorded.</p>
      ) : (
        <dl className="caseline-fields caseline-values" data-testid="customer-values">
          {groups.map(({ field, values }) => {
            const name = catalog.nameOf(field);
            const masked = values.some((v) => v.masked);
            const clear = revealed[field];
            const shown = clear ?? values;
            return (
              <div key={field} className="caseline-fields__row" data-field={field}>
                <dt>
                  {name}
                  {catalog.sensitive.has(field) && <span className="usa-tag bg-secondary-dark caseline-tag margin-left-1">Sensitive</span>}
                </dt>
                <dd>
                  <ul className="usa-list usa-list--unstyled">
                    {shown.map((value) => (
                      <li key={value.id} className="caseline-value">
                        <div className="caseline-value__main">
                          {value.label && (
                            <span className="usa-tag bg-base-lighter text-ink caseline-tag margin-right-1">{humanize(value.label)}</span>
                          )}
                          <ValueText value={value} catalog={catalog} />
                          {value.primary && values.length > 1 && (
                            <span className="usa-tag bg-primary caseline-tag margin-left-1">Primary</span>
                          )}
                        </div>
                        <div className="caseline-value__meta">
                          {sourceLabels[value.recordSource]}, {formatDateTime(value.recordedAt)}
                          {canEdit && (
                            <Button
                              type="button"
                              unstyled
                              className="margin-left-2 caseline-value__remove"
                              onClick={() => {
                                setRemoving(value);
                                dialog.current?.toggleModal(undefined, true);
                              }}
                            >
                              Remove
                              <span className="usa-sr-only">
                                {' '}
                                {name}
                                {value.label ? ` (${humanize(value.label)})` : ''}
                              </span>
                            </Button>
                          )}
                        </div>
                      </li>
                    ))}
                  </ul>
                  {masked && (
                    <RevealControl
                      label={name}
                      field={field}
                      revealed={Boolean(clear)}
                      onReveal={() => reveal(field)}
                      onHide={() => setRevealed((r) => ({ ...r, [field]: undefined }))}
                    />
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
      <ConfirmDialog ref={dialog} id="remove-value" heading="Remove this value?" confirmLabel="Remove value" danger onConfirm={remove}>
        <p>
          {removing ? `The ${catalog.nameOf(removing.field).toLowerCase()}` : 'The value'} will no longer describe or find this customer. It
          stays in the record’s history.
        </p>
      </ConfirmDialog>
    </>
  );
}
