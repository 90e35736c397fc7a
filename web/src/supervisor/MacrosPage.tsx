import { useEffect, useRef, useState } from 'react';
import { Button, Table, type ModalRef } from '@trussworks/react-uswds';
import { deleteMacro, listMacros, type Macro } from '../api/macros.ts';
import { problemMessage } from '../api/problem.ts';
import { macroActionParts } from '../cases/MacroPicker.tsx';
import { ConfirmDialog } from '../frame/ConfirmDialog.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { MacroForm } from './MacroForm.tsx';

type Editing = { readonly macro: Macro | null } | null;

/** Macros: reply templates with suggested actions, written by supervisors and used by agents on the case page. */
export function MacrosPage() {
  const { notify } = useNotifications();
  const macros = useLoad(listMacros, []);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<Macro | null>(null);
  const dialog = useRef<ModalRef>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (editing) formHeading.current?.focus();
  }, [editing]);

  const close = () => {
    setEditing(null);
    setTimeout(() => listHeading.current?.focus(), 0);
  };

  const saved = (macro: Macro) => {
    notify('success', editing?.macro ? `Macro “${macro.name}” saved.` : `Macro “${macro.name}” added.`);
    macros.reload();
    close();
  };

  const remove = async () => {
    if (!removing) return;
    try {
      await deleteMacro(removing.id);
      notify('success', `Macro “${removing.name}” deleted.`);
      macros.reload();
    } catch (error) {
      notify('error', `The macro was not deleted: ${problemMessage(error)}`);
    }
  };

  return (
    <Page title="Macros">
      <p className="usa-intro">
        Prepared replies for agents: each is filled in for the case, and may suggest a status, a priority and tags.
      </p>
      {editing ? (
        <section aria-labelledby="macro-form-heading">
          <h2 id="macro-form-heading" ref={formHeading} tabIndex={-1} className="caseline-focus-heading">
            {editing.macro ? `Change macro “${editing.macro.name}”` : 'Add a macro'}
          </h2>
          <MacroForm key={editing.macro?.id ?? 'new'} macro={editing.macro} onSaved={saved} onCancel={close} />
        </section>
      ) : (
        <Button type="button" onClick={() => setEditing({ macro: null })}>
          Add macro
        </Button>
      )}
      <section aria-labelledby="macro-list-heading" className="margin-top-5">
        <h2 id="macro-list-heading" ref={listHeading} tabIndex={-1} className="caseline-focus-heading">
          Macros{macros.data ? ` (${macros.data.length})` : ''}
        </h2>
        {macros.error ? (
          <LoadError what="the macros" error={macros.error} onRetry={macros.reload} />
        ) : !macros.data ? (
          <Loading />
        ) : macros.data.length === 0 ? (
          <p>There are no macros yet.</p>
        ) : (
          <Table caption="Macros, by name" fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Business area</th>
                <th scope="col">Suggests</th>
                <th scope="col">Placeholders</th>
                <th scope="col">Last change</th>
                <th scope="col">
                  <span className="usa-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody data-testid="macro-list">
              {[...macros.data]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((m) => (
                  <tr key={m.id}>
                    <th scope="row" data-label="Name">
                      {m.name}
                    </th>
                    <td data-label="Business area">{m.businessArea ?? 'Every business area'}</td>
                    <td data-label="Suggests">{macroActionParts(m.actions).join(' · ') || 'No change'}</td>
                    <td data-label="Placeholders" className="caseline-break">
                      {m.placeholders.length ? m.placeholders.map((p) => `{{${p}}}`).join(', ') : 'None'}
                    </td>
                    <td data-label="Last change">{formatDateTime(m.updatedAt)}</td>
                    <td data-label="Actions" className="text-no-wrap">
                      <Button
                        type="button"
                        unstyled
                        className="margin-right-2"
                        onClick={() => setEditing({ macro: m })}
                        aria-label={`Edit macro ${m.name}`}
                      >
                        Edit
                      </Button>
                      <Button
                        type="button"
                        unstyled
                        className="text-secondary-dark"
                        aria-label={`Delete macro ${m.name}`}
                        onClick={() => {
                          setRemoving(m);
                          dialog.current?.toggleModal(undefined, true);
                        }}
                      >
                        Delete
                      </Button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </Table>
        )}
      </section>
      <ConfirmDialog id="delete-macro" ref={dialog} heading="Delete this macro?" confirmLabel="Delete macro" danger onConfirm={remove}>
        <p>“{removing?.name}” will no longer be offered to agents. Replies already recorded with it are kept.</p>
      </ConfirmDialog>
    </Page>
  );
}
