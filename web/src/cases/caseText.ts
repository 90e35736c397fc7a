import { caseRecordTypes, type CaseChannel, type CaseEvent, type CasePriority, type CaseStatus, type LinkKind } from '../api/cases.ts';
import { actorText, humanize } from '../customers/fieldText.ts';

export const statusLabels: Record<CaseStatus, string> = {
  new: 'New',
  open: 'Open',
  pending_customer: 'Waiting for the customer',
  pending_internal: 'Waiting for another office',
  resolved: 'Resolved',
  closed: 'Closed',
  reopened: 'Reopened',
};

/** What choosing a next status does, as the status form offers it. */
export const statusActions: Record<CaseStatus, string> = {
  new: 'New',
  open: 'Open (being worked)',
  pending_customer: 'Waiting for the customer',
  pending_internal: 'Waiting for another office',
  resolved: 'Resolved',
  closed: 'Closed',
  reopened: 'Reopened',
};

/** Tag colours (USWDS utility classes) by status: the worked ones blue, waiting gold, done green, closed grey. */
export const statusTagClass: Record<CaseStatus, string> = {
  new: 'bg-primary-vivid',
  open: 'bg-primary',
  pending_customer: 'bg-gold text-ink',
  pending_internal: 'bg-gold text-ink',
  resolved: 'bg-success-darker',
  closed: 'bg-base-dark',
  reopened: 'bg-secondary-dark',
};

export const priorityLabels: Record<CasePriority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

export const channelLabels: Record<CaseChannel, string> = {
  email: 'E-mail',
  phone: 'Phone',
  fax: 'Fax',
  web: 'Web',
  letter: 'Letter',
  walk_in: 'Walk-in',
};
/** Every channel, in the order of its label above. */
export const caseChannels = Object.keys(channelLabels) as CaseChannel[];

export const linkKindLabels: Record<LinkKind, string> = { article: 'Article', order: 'Order', pickup: 'Pickup' };

export const resolutionLabels: Record<string, string> = {
  answered: 'Answered',
  resolved_by_action: 'Resolved by an action',
  referred: 'Referred elsewhere',
  duplicate: 'Duplicate of another case',
  no_response: 'No response from the customer',
  withdrawn: 'Withdrawn by the customer',
  spam: 'Spam',
};

export function recordTypeName(recordType: string): string {
  return (caseRecordTypes as Record<string, string>)[recordType] ?? recordType;
}

/** Who a case is assigned to, from where the reader sits. */
export function assigneeText(assignee: string | null, selfId: string): string {
  if (assignee === null) return 'Nobody (in the queue)';
  return assignee === selfId ? 'You' : 'Another staff member';
}

function statusWord(value: unknown): string {
  return typeof value === 'string' && value in statusLabels ? statusLabels[value as CaseStatus].toLowerCase() : String(value);
}

/** A history event in plain words: 'Status changed from new to resolved (Answered)'. */
export function eventText(event: CaseEvent, selfId: string): string {
  const d = event.detail;
  switch (event.kind) {
    case 'created': {
      const channel = typeof d.channel === 'string' ? channelLabels[d.channel as CaseChannel]?.toLowerCase() : undefined;
      const followUp = d.follow_up_of ? ', as a follow-up of a closed case' : '';
      return `Case opened${channel ? ` (${channel})` : ''}${followUp}`;
    }
    case 'routed':
      return `Routed by the rule “${String(d.rule ?? 'unnamed')}”${d.business_area ? ` to ${String(d.business_area)}` : ' to the shared queue'}`;
    case 'assigned':
      if (d.to === null || d.to === undefined) return 'Put back in the queue';
      return d.to === selfId ? 'Assigned to you' : 'Assigned to a staff member';
    case 'status': {
      const code = typeof d.resolution_code === 'string' ? ` (${resolutionLabels[d.resolution_code] ?? humanize(d.resolution_code)})` : '';
      return `Status changed from ${statusWord(d.from)} to ${statusWord(d.to)}${code}`;
    }
    case 'note':
      return 'Internal note added';
    case 'reply': {
      const n = typeof d.recipients === 'number' ? d.recipients : 0;
      return n > 0 ? `Reply recorded, to ${n} recipient${n === 1 ? '' : 's'}` : 'Reply recorded';
    }
    case 'received':
      return `Further message from the customer${d.status ? ` (the case became ${statusWord(d.status)})` : ''}`;
    case 'linked':
      return `${typeof d.kind === 'string' ? (linkKindLabels[d.kind as LinkKind] ?? humanize(d.kind)) : 'An item'} linked`;
    case 'acknowledged':
      return 'Acknowledgement e-mailed to the sender';
    case 'resolution_mailed':
      return d.survey ? 'Resolution e-mailed to the customer, with the satisfaction survey link' : 'Resolution e-mailed to the customer';
    case 'mail_failed':
      return 'An e-mail to the customer could not be delivered';
    case 'attachment_added':
      return 'File attached';
    case 'attachment_refused':
      return 'A file sent with the message was refused';
    case 'sla_warning':
      return `${d.target === 'resolution' ? 'Resolution' : 'First response'} is due soon`;
    case 'sla_breached':
      return `${d.target === 'resolution' ? 'Resolution' : 'First response'} is overdue${Array.isArray(d.escalated_to) && d.escalated_to.length > 0 ? ': escalated to the supervisors' : ''}`;
    case 'classified': {
      const priority = d.priority as { to?: string } | undefined;
      const tags = d.tags as { added?: string[]; removed?: string[] } | undefined;
      const parts = [
        ...(priority?.to ? [`priority set to ${priority.to}`] : []),
        ...(tags?.added?.length ? [`tagged ${tags.added.join(', ')}`] : []),
        ...(tags?.removed?.length ? [`untagged ${tags.removed.join(', ')}`] : []),
      ];
      return parts.length > 0 ? `${parts.join('; ').replace(/^./, (c) => c.toUpperCase())}` : 'Classification unchanged';
    }
    default:
      return humanize(event.kind);
  }
}

/** Who did it, as a byline: 'By you', 'By staff', 'By the system', 'By the customer'. */
export function eventActor(event: CaseEvent, selfId: string): string {
  const who = actorText(event.actor, selfId);
  return who === 'You' ? 'By you' : who === 'Staff' ? 'By staff' : `By the ${who.toLowerCase()}`;
}
