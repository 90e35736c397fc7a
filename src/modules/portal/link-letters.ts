import { appendAudit, authorize, systemPrincipal, type AuditContext, type LetterToPrint, type PortalAuth } from '../../access/index.ts';
import { withPrincipal, type Database, type Principal } from '../../db/index.ts';
import { primaryValue, type Customer, type CustomerService } from '../customers/index.ts';
import { renderLinkCodeLetters, type Letterhead, type LinkCodeLetter, type MailingAddress } from '../letters/index.ts';

/** A letter in the print queue as the print room sees it: no name, address or code until printed. */
export interface QueuedLetter {
  readonly id: string;
  readonly kind: 'portal_link_code';
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export interface LinkLetterDeps {
  readonly database: Database;
  readonly portalAuth: PortalAuth;
  readonly customers: CustomerService;
  readonly letterhead: Letterhead;
  readonly timeZone: string;
}

/** One batch at most: a print run the print room can check page by page. */
export const maxBatch = 200;

// Pending codes are credentials no staff role reads: the print room's requests reach them as this job, after the staff check.
const printJob = systemPrincipal('print-room');

function mailingAddressOf(customer: Customer): MailingAddress | null {
  const address = primaryValue(customer, 'mailing_address')?.value;
  return address && typeof address !== 'string' ? address : null;
}

/**
 * The print room's side of proof by letter: the queue of link letters, the batch as one PDF
 * (each page audited as a print of that customer's name and address by the staff member who
 * asked), and the confirmation that they printed, which wipes the codes.
 */
export function createLinkLetters(deps: LinkLetterDeps) {
  const { database, portalAuth } = deps;
  const asPrintRoom = <T>(work: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, printJob, work);

  return {
    async queue(staff: Principal): Promise<QueuedLetter[]> {
      authorize(staff, 'letters.print');
      const letters = await asPrintRoom((trx) => portalAuth.lettersToPrint(trx, maxBatch));
      return letters.map((l) => ({ id: l.id, kind: 'portal_link_code' as const, createdAt: l.createdAt, expiresAt: l.expiresAt }));
    },

    /**
     * The waiting letters (those of `ids`, or the oldest batch) as one PDF, a page each. A letter
     * whose customer has no mailing address left (changed since it was asked for) is skipped and
     * stays in the queue, listed in `skipped`.
     */
    async batch(
      staff: Principal,
      ids: readonly string[] | null,
      ctx: AuditContext,
      now: Date,
    ): Promise<{ pdf: Buffer | null; printed: string[]; skipped: string[] }> {
      authorize(staff, 'letters.print');
      const waiting = await asPrintRoom((trx) => portalAuth.lettersToPrint(trx, maxBatch));
      const chosen = ids === null ? waiting : waiting.filter((l) => ids.includes(l.id));
      // The names and addresses are read, and the print recorded, as the staff member: their own need-to-know applies.
      return withPrincipal(database.db, staff, async (trx) => {
        const pages: { letter: LinkCodeLetter; waiting: LetterToPrint }[] = [];
        const skipped: string[] = [];
        for (const letter of chosen) {
          const read = await deps.customers.get(trx, staff, letter.subjectId, { reveal: [] }, ctx, now);
          const address = 'customer' in read ? mailingAddressOf(read.customer) : null;
          if (!('customer' in read) || !address) {
            skipped.push(letter.id);
            continue;
          }
          pages.push({
            waiting: letter,
            letter: {
              addressee: { kind: read.customer.kind, name: read.customer.name, address },
              code: letter.code,
              expiresAt: letter.expiresAt,
            },
          });
        }
        for (const { waiting: letter } of pages) {
          await appendAudit(trx, {
            at: now,
            actor: staff,
            action: 'print',
            recordType: 'usps-880/customer',
            recordId: letter.subjectId,
            subjects: [letter.subjectId],
            ...ctx,
            outcome: 'ok',
            detail: { document: 'link_code_letter', letter_id: letter.id, fields: ['customer_name', 'mailing_address'] },
          });
        }
        const pdf =
          pages.length === 0
            ? null
            : await renderLinkCodeLetters(
                pages.map((p) => p.letter),
                deps.letterhead,
                deps.timeZone,
                now,
              );
        return { pdf, printed: pages.map((p) => p.waiting.id), skipped };
      });
    },

    /** The print room confirms a batch printed; answers how many letters left the queue. */
    async confirmPrinted(staff: Principal, ids: readonly string[], ctx: AuditContext, now: Date): Promise<number> {
      authorize(staff, 'letters.print');
      const done = await asPrintRoom((trx) => portalAuth.lettersPrinted(trx, ids));
      await withPrincipal(database.db, staff, (trx) =>
        appendAudit(trx, {
          at: now,
          actor: staff,
          action: 'update',
          recordType: 'usps-880/customer',
          recordId: null,
          subjects: [],
          ...ctx,
          outcome: 'ok',
          detail: { step: 'link_letters_printed', letters: done },
        }),
      );
      return done;
    },
  };
}

export type LinkLetters = ReturnType<typeof createLinkLetters>;
