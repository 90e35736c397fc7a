import { useEffect, useRef, useState } from 'react';
import { Button, Grid, Table, type ModalRef } from '@trussworks/react-uswds';
import { problemMessage } from '../api/problem.ts';
import { deleteRule, listRules, reorderRules, updateRule, type RoutingRule } from '../api/routing.ts';
import { ConfirmDialog } from '../frame/ConfirmDialog.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';
import { RoutingPreview } from './RoutingPreview.tsx';
import { RuleForm } from './RuleForm.tsx';
import { actionParts, conditionParts } from './ruleText.ts';

type Editing = { readonly rule: RoutingRule | null } | null;

/** Routing rules, tried in order on every new case: the first enabled rule that matches decides. */
export function RoutingRulesPage() {
  const { notify } = useNotifications();
  const rules = useLoad(listRules, []);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<RoutingRule | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<ModalRef>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const refocus = useRef<string | null>(null);

  useEffect(() => {
    if (editing) formHeading.current?.focus();
  }, [editing]);

  // After a move the same rule's button keeps the focus (or its other button, at an end of the list).
  useEffect(() => {
    if (!refocus.current) return;
    const [direction, id] = refocus.current.split(':') as [string, string];
    refocus.current = null;
    const same = document.getElementById(`rule-${direction}-${id}`) as HTMLButtonElement | null;
    const other = document.getElementById(`rule-${direction === 'up' ? 'down' : 'up'}-${id}`) as HTMLButtonElement | null;
    (same && !same.disabled ? same : other)?.focus();
  }, [rules.data]);

  const close = () => {
    setEditing(null);
    setTimeout(() => listHeading.current?.focus(), 0);
  };

  const saved = (rule: RoutingRule) => {
    notify('success', editing?.rule ? `Rule “${rule.name}” saved.` : `Rule “${rule.name}” added: it is tried after the others.`);
    rules.reload();
    close();
  };

  const move = async (index: number, by: -1 | 1) => {
    const list = rules.data;
    if (!list) return;
    const ids = list.map((r) => r.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    setBusy(true);
    try {
      const next = await reorderRules(ids);
      refocus.current = `${by < 0 ? 'up' : 'down'}:${moved}`;
      rules.setData(next);
      notify('success', `Rule “${list[index]!.name}” is now number ${index + by + 1}.`);
    } catch (error) {
      notify('error', `The order did not change: ${problemMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (rule: RoutingRule) => {
    setBusy(true);
    try {
      const next = await updateRule(rule.id, {
        name: rule.name,
        enabled: !rule.enabled,
        conditions: rule.conditions,
        actions: rule.actions,
      });
      rules.setData((current) => (current ?? []).map((r) => (r.id === next.id ? next : r)));
      notify('success', `Rule “${rule.name}” ${next.enabled ? 'enabled' : 'disabled'}.`);
    } catch (error) {
      notify('error', `The rule did not change: ${problemMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!removing) return;
    try {
      await deleteRule(removing.id);
      notify('success', `Rule “${removing.name}” deleted.`);
      rules.reload();
    } catch (error) {
      notify('error', `The rule was not deleted: ${problemMessage(error)}`);
    }
    setTimeout(() => listHeading.current?.focus(), 0);
  };

  const list = rules.data ?? [];
  return (
    <Page title="Routing rules">
      <p className="usa-intro">
        Each new case is tried against the enabled rules in order: the first rule whose conditions it meets sets its business area,
        priority, tags and assignment.
      </p>
      <Grid row gap="lg">
        <Grid desktop={{ col: 8 }}>
          {editing ? (
            <section aria-labelledby="rule-form-heading">
              <h2 id="rule-form-heading" ref={formHeading} tabIndex={-1} className="caseline-focus-heading">
                {editing.rule ? `Change rule “${editing.rule.name}”` : 'Add a rule'}
              </h2>
              <RuleForm key={editing.rule?.id ?? 'new'} rule={editing.rule} onSaved={saved} onCancel={close} />
            </section>
          ) : (
            <Button type="button" onClick={() => setEditing({ rule: null })}>
              Add rule
            </Button>
          )}
          <section aria-labelledby="rule-list-heading" className="margin-top-5">
            <h2 id="rule-list-heading" ref={listHeading} tabIndex={-1} className="caseline-focus-heading">
              Rules{rules.data ? ` (${rules.data.length})` : ''}
            </h2>
            {rules.error ? (
              <LoadError what="the routing rules" error={rules.error} onRetry={rules.reload} />
            ) : !rules.data ? (
              <Loading />
            ) : list.length === 0 ? (
              <p>There are no routing rules: every new case goes to the queue it was opened in.</p>
            ) : (
              <Table caption="Routing rules, in the order they are tried" fullWidth stackedStyle="headers">
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Rule</th>
                    <th scope="col">When</th>
                    <th scope="col">Then</th>
                    <th scope="col">
                      <span className="usa-sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody data-testid="rule-list">
                  {list.map((rule, index) => (
                    <tr key={rule.id} className={rule.enabled ? undefined : 'caseline-row-disabled'}>
                      <td data-label="Order">{index + 1}</td>
                      <th scope="row" data-label="Rule">
                        {rule.name}
                        {!rule.enabled && <span className="usa-tag caseline-tag bg-base-dark margin-left-1">Disabled</span>}
                      </th>
                      <td data-label="When" className="caseline-break">
                        {conditionParts(rule.conditions).join('; ') || 'Every case'}
                      </td>
                      <td data-label="Then" className="caseline-break">
                        {actionParts(rule.actions).join('; ') || 'No change'}
                      </td>
                      <td data-label="Actions">
                        <div className="caseline-rule-actions">
                          <Button
                            type="button"
                            unstyled
                            id={`rule-up-${rule.id}`}
                            disabled={busy || index === 0}
                            aria-label={`Move up: ${rule.name}`}
                            onClick={() => void move(index, -1)}
                          >
                            Move up
                          </Button>
                          <Button
                            type="button"
                            unstyled
                            id={`rule-down-${rule.id}`}
                            disabled={busy || index === list.length - 1}
                            aria-label={`Move down: ${rule.name}`}
                            onClick={() => void move(index, 1)}
                          >
                            Move down
                          </Button>
                          <Button type="button" unstyled aria-label={`Edit rule ${rule.name}`} onClick={() => setEditing({ rule })}>
                            Edit
                          </Button>
                          <Button
                            type="button"
                            unstyled
                            disabled={busy}
                            aria-label={`${rule.enabled ? 'Disable' : 'Enable'} rule ${rule.name}`}
                            onClick={() => void toggle(rule)}
                          >
                            {rule.enabled ? 'Disable' : 'Enable'}
                          </Button>
                          <Button
                            type="button"
                            unstyled
                            className="text-secondary-dark"
                            aria-label={`Delete rule ${rule.name}`}
                            onClick={() => {
                              setRemoving(rule);
                              dialog.current?.toggleModal(undefined, true);
                            }}
                          >
                            Delete
                          </Button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </section>
        </Grid>
        <Grid desktop={{ col: 4 }}>
          <section aria-labelledby="routing-preview-heading">
            <h2 id="routing-preview-heading">Which rule would fire?</h2>
            <p className="usa-hint">Route a sample inquiry through the rules as they are now. No case is opened and nothing is kept.</p>
            <RoutingPreview />
          </section>
        </Grid>
      </Grid>
      <ConfirmDialog id="delete-rule" ref={dialog} heading="Delete this routing rule?" confirmLabel="Delete rule" danger onConfirm={remove}>
        <p>“{removing?.name}” will no longer route new cases. Cases it routed before stay where they are.</p>
      </ConfirmDialog>
    </Page>
  );
}
