import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, systemPrincipal } from '../src/access/index.ts';
import { SubjectShreddedError } from '../src/crypto/index.ts';
import { withPrincipal, type Database, type Tx } from '../src/db/index.ts';
import {
  AttachmentErased,
  attachmentMover,
  AttachmentTooLarge,
  createAttachmentService,
  FileDecryptionError,
  UnsupportedAttachmentType,
  type AttachmentService,
} from '../src/modules/attachments/index.ts';
import { caseMover, createCaseService, type CaseService } from '../src/modules/cases/index.ts';
import { createCustomerFinder, createCustomerMerger, createCustomerService } from '../src/modules/customers/index.ts';
import { createEmailIntake } from '../src/modules/intake/index.ts';
import { composeMail, samplePdf } from '../src/modules/intake/email/compose-mail.test-support.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

// The attachments service against a real database and vault: files streamed into encrypted
// files outside the rows, keyed per file, the key under the data subject's key.
let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let cases: CaseService;
let attachments: AttachmentService;
let dir: string;
const chunkSize = 512;
const maxBytes = 16 * 1024;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'attachments test' };
const now = () => new Date();
const transact = <T>(work: (trx: Tx) => Promise<T>) => withPrincipal(database.db, system, work);

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-attachments-'));
  cases = createCaseService(keys.vault);
  attachments = createAttachmentService(keys.vault, { dir, maxBytes, chunkSize });
});
afterAll(async () => {
  await database?.close();
  await keys?.remove();
  await fs.rm(dir, { recursive: true, force: true });
});

async function letterCase(title = 'Complaint about a lost parcel'): Promise<{ id: string; subjectId: string }> {
  const opened = await transact((trx) =>
    cases.open(
      trx,
      system,
      {
        sender: { name: 'Wilhelmina Quarrington' },
        channel: 'letter',
        recordType: 'usps-880/complaint-letter',
        title,
        body: 'Scanned letter attached.',
      },
      ctx,
      now(),
    ),
  );
  const row = await transact((trx) =>
    trx.selectFrom('cases').select('subject_id').where('id', '=', opened.case.id).executeTakeFirstOrThrow(),
  );
  return { id: opened.case.id, subjectId: row.subject_id };
}

/** Every file under the attachments directory (staging included). */
async function filesOnDisk(): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        parts.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(parts);
}

const upload = (
  caseId: string,
  content: Buffer | AsyncIterable<Uint8Array>,
  filename = 'scan.pdf',
  declaredType: string | null = 'application/pdf',
) =>
  attachments.upload(
    transact,
    system,
    caseId,
    { filename, declaredType, content: Buffer.isBuffer(content) ? Readable.from([content], { objectMode: false }) : content },
    ctx,
    now(),
  );

const download = async (caseId: string, id: string) => {
  const { attachment, content } = await transact((trx) => attachments.download(trx, system, caseId, id, ctx, now()));
  return { attachment, bytes: await readAll(content) };
};

describe('case attachments', () => {
  it('round-trips any content of any size: empty after the signature, exact multiples of the chunk size, many chunks', async () => {
    const letter = await letterCase();
    const signature = Buffer.from('%PDF-');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: 4 * chunkSize }),
          fc.integer({ min: 1, max: 8 }).map((n) => n * chunkSize - signature.length),
          fc.constant(maxBytes - signature.length),
        ),
        fc.integer({ min: 1, max: 3000 }),
        async (size, pieceSize) => {
          const content = Buffer.concat([signature, randomBytes(size)]);
          // Fed in pieces, as a request body arrives.
          async function* body() {
            for (let at = 0; at < content.length; at += pieceSize) yield content.subarray(at, at + pieceSize);
          }
          const stored = await upload(letter.id, body());
          expect(stored).toMatchObject({ mediaType: 'application/pdf', sizeBytes: content.length, filename: 'scan.pdf' });
          expect(stored.sha256).toBe(createHash('sha256').update(content).digest('hex'));
          const { bytes } = await download(letter.id, stored.id);
          expect(bytes.equals(content)).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('stores only ciphertext, under a random name, and records the upload in the case history and the audit log', async () => {
    const letter = await letterCase();
    const content = Buffer.from('Dear Postmaster,\nmy parcel to Wilhelmina Quarrington never arrived.\n'.repeat(30));
    const stored = await upload(letter.id, content, 'Quarrington complaint.txt', 'text/plain');
    expect(stored.mediaType).toBe('text/plain');
    const files = await filesOnDisk();
    expect(files.some((f) => f.includes('Quarrington'))).toBe(false);
    for (const f of files) expect((await fs.readFile(f)).includes(Buffer.from('Quarrington'))).toBe(false);
    const row = await transact((trx) =>
      trx.selectFrom('case_attachments').selectAll().where('id', '=', stored.id).executeTakeFirstOrThrow(),
    );
    expect(row.filename_ct.includes(Buffer.from('Quarrington'))).toBe(false);
    expect(files.map((f) => path.basename(f))).toContain(row.storage_id);
    const read = await transact((trx) => cases.get(trx, system, letter.id, ctx, now()));
    if (!('case' in read)) throw new Error('unreadable');
    const event = read.case.events.find((e) => e.kind === 'attachment_added');
    expect(event?.detail).toEqual({ attachment_id: stored.id, media_type: 'text/plain', size_bytes: content.length });
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'subjects', 'detail'])
      .where('record_id', '=', letter.id)
      .orderBy('id')
      .execute();
    expect(audit).toContainEqual({
      action: 'update',
      subjects: [letter.subjectId],
      detail: { attachment_id: stored.id, media_type: 'text/plain', size_bytes: content.length },
    });
    expect(JSON.stringify(audit)).not.toMatch(/Quarrington/);
    const listed = await transact((trx) => attachments.list(trx, system, letter.id, ctx, now()));
    expect(listed).toEqual([expect.objectContaining({ id: stored.id, filename: 'Quarrington complaint.txt', messageId: null })]);
  });

  it('refuses a file over the limit while streaming, keeping nothing', async () => {
    const letter = await letterCase();
    const before = await filesOnDisk();
    let produced = 0;
    async function* endless() {
      yield Buffer.from('%PDF-1.7\n');
      for (;;) {
        produced += 1;
        yield Buffer.alloc(1024, 0x20);
      }
    }
    await expect(upload(letter.id, endless())).rejects.toThrow(AttachmentTooLarge);
    // It stopped reading at the limit rather than draining the sender.
    expect(produced).toBeLessThanOrEqual(maxBytes / 1024 + 2);
    expect(await filesOnDisk()).toEqual(before);
    expect(await transact((trx) => attachments.list(trx, system, letter.id, ctx, now()))).toEqual([]);
  });

  it('refuses a program declared as a PDF, and text that turns binary after the sniffed bytes', async () => {
    const letter = await letterCase();
    const before = await filesOnDisk();
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(3000)]);
    await expect(upload(letter.id, elf, 'letter.pdf', 'application/pdf')).rejects.toThrow(UnsupportedAttachmentType);
    const sneaky = Buffer.concat([Buffer.alloc(8000, 'a'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0])]);
    await expect(upload(letter.id, sneaky, 'notes.txt', 'text/plain')).rejects.toThrow(UnsupportedAttachmentType);
    expect(await filesOnDisk()).toEqual(before);
  });

  it('removes the file when the transaction recording it fails', async () => {
    const letter = await letterCase();
    const before = await filesOnDisk();
    const failing = <T>(work: (trx: Tx) => Promise<T>) =>
      withPrincipal(database.db, system, async (trx) => {
        const result = await work(trx);
        // The access check's transaction passes; the one recording the file fails after writing it.
        if ((result as { sha256?: string } | undefined)?.sha256) throw new Error('injected failure');
        return result;
      });
    await expect(
      attachments.upload(
        failing,
        system,
        letter.id,
        { filename: 'scan.pdf', declaredType: null, content: Readable.from([samplePdf], { objectMode: false }) },
        ctx,
        now(),
      ),
    ).rejects.toThrow('injected failure');
    expect(await filesOnDisk()).toEqual(before);
    expect(await transact((trx) => trx.selectFrom('case_attachments').select('id').where('case_id', '=', letter.id).execute())).toEqual([]);
  });

  it('detects a stored file altered on disk', async () => {
    const letter = await letterCase();
    const stored = await upload(letter.id, Buffer.concat([samplePdf, randomBytes(3 * chunkSize)]));
    const row = await transact((trx) =>
      trx.selectFrom('case_attachments').select('storage_id').where('id', '=', stored.id).executeTakeFirstOrThrow(),
    );
    const file = (await filesOnDisk()).find((f) => path.basename(f) === row.storage_id)!;
    const bytes = await fs.readFile(file);
    bytes[bytes.length - 700]! ^= 1;
    await fs.writeFile(file, bytes);
    await expect(download(letter.id, stored.id)).rejects.toThrow(FileDecryptionError);
  });

  it('makes the file unreadable once its data subject is crypto-shredded', async () => {
    const letter = await letterCase();
    const stored = await upload(letter.id, samplePdf);
    expect((await download(letter.id, stored.id)).bytes.equals(samplePdf)).toBe(true);
    await transact((trx) => keys.vault.shred(trx, letter.subjectId));
    await expect(download(letter.id, stored.id)).rejects.toThrow(AttachmentErased);
    await expect(transact((trx) => attachments.list(trx, system, letter.id, ctx, now()))).rejects.toThrow(AttachmentErased);
    // The file key itself no longer decrypts: the ciphertext on disk is all that is left.
    const row = await transact((trx) =>
      trx.selectFrom('case_attachments').selectAll().where('id', '=', stored.id).executeTakeFirstOrThrow(),
    );
    await expect(
      transact((trx) =>
        keys.vault.decryptFor(trx, row.subject_id, { table: 'case_attachments', column: 'key_ct', rowId: row.id }, row.key_ct),
      ),
    ).rejects.toThrow(SubjectShreddedError);
  });
});

describe('orphaned files', () => {
  it('are swept once old enough: files whose row went with its case, and staged files of a crash; live files stay', async () => {
    const kept = await letterCase();
    const disposed = await letterCase();
    const live = await upload(kept.id, samplePdf);
    await upload(disposed.id, samplePdf);
    await fs.mkdir(path.join(dir, 'staging'), { recursive: true });
    const crashed = path.join(dir, 'staging', `${crypto.randomUUID()}.part`);
    await fs.writeFile(crashed, 'partial ciphertext');
    // Disposal deletes the case; its attachment rows cascade, its file stays behind.
    await database.db.deleteFrom('cases').where('id', '=', disposed.id).execute();
    const filesBefore = await filesOnDisk();
    expect(await transact((trx) => attachments.removeOrphans(trx, system, now()))).toBe(0);
    const later = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    expect(await transact((trx) => attachments.removeOrphans(trx, system, later))).toBe(2);
    const filesAfter = await filesOnDisk();
    expect(filesBefore.length - filesAfter.length).toBe(2);
    expect(filesAfter).not.toContain(crashed);
    expect((await download(kept.id, live.id)).bytes.equals(samplePdf)).toBe(true);
  });
});

describe('attachments when customers merge', () => {
  it('move to the surviving customer with their case, readable under its key, and back on an unmerge', async () => {
    const customers = createCustomerService(keys.vault);
    const merger = createCustomerMerger(keys.vault, [caseMover(keys.vault), attachmentMover(keys.vault)]);
    const [survivor, merged] = await transact(async (trx) => [
      await customers.create(trx, system, personInput({ name: 'Rosalind Ashdown' }), ctx, now()),
      await customers.create(trx, system, personInput({ name: 'Rosalind Ashdown-Pike' }), ctx, now()),
    ]);
    const opened = await transact((trx) =>
      cases.open(
        trx,
        system,
        { customerId: merged.id, channel: 'letter', recordType: 'usps-880/complaint-letter', title: 'Letter', body: 'Scan attached.' },
        ctx,
        now(),
      ),
    );
    const stored = await upload(opened.case.id, samplePdf);
    const subjectOf = () =>
      transact(
        async (trx) =>
          (await trx.selectFrom('case_attachments').select('subject_id').where('id', '=', stored.id).executeTakeFirstOrThrow()).subject_id,
      );
    const result = await transact((trx) => merger.merge(trx, system, survivor.id, merged.id, ctx, now()));
    expect(result.moved).toMatchObject({ case_attachments: 1 });
    expect(await subjectOf()).toBe(survivor.id);
    expect((await download(opened.case.id, stored.id)).bytes.equals(samplePdf)).toBe(true);
    await transact((trx) => merger.unmerge(trx, system, result.mergeId, ctx, now()));
    expect(await subjectOf()).toBe(merged.id);
    expect((await download(opened.case.id, stored.id)).bytes.equals(samplePdf)).toBe(true);
  });
});

describe('attachments of inbound e-mail and fax', () => {
  const finder = () => createCustomerFinder(keys.vault);
  const intakeWith = (overrides: { cases?: CaseService; faxGateways?: string[] } = {}) =>
    createEmailIntake({
      database,
      cases: overrides.cases ?? cases,
      finder: finder(),
      clock: now,
      recordType: 'usps-880/usps-com-care',
      attachments,
      ...(overrides.faxGateways ? { faxGateways: overrides.faxGateways } : {}),
    });

  it('keeps a PDF that came with an e-mail as a downloadable attachment of the message, refusing a program', async () => {
    const raw = await composeMail({
      from: '"Ottoline" <ottoline@example.org>',
      to: 'help@caseline.example.gov',
      subject: 'Customs form',
      text: 'The form is attached.',
      messageId: '<with-pdf@example.org>',
      attachments: [
        { filename: 'customs form.pdf', content: samplePdf, contentType: 'application/pdf' },
        { filename: 'invoice.pdf', content: Buffer.from('MZ\x90\x00\x03\x00\x00\x00program', 'latin1'), contentType: 'application/pdf' },
      ],
    });
    const outcome = await intakeWith()(raw);
    if (outcome.kind !== 'case') throw new Error('no case');
    const caseId = outcome.opened.case.id;
    const listed = await transact((trx) => attachments.list(trx, system, caseId, ctx, now()));
    expect(listed).toEqual([
      expect.objectContaining({ filename: 'customs form.pdf', mediaType: 'application/pdf', sizeBytes: samplePdf.length }),
    ]);
    expect(listed[0]!.messageId).not.toBeNull();
    expect(listed[0]!.uploadedBy).toBe(actorOf(systemPrincipal('email-intake')));
    expect((await download(caseId, listed[0]!.id)).bytes.equals(samplePdf)).toBe(true);
    const read = await transact((trx) => cases.get(trx, system, caseId, ctx, now()));
    if (!('case' in read)) throw new Error('unreadable');
    expect(listed[0]!.messageId).toBe(read.case.messages[0]!.id);
    expect(read.case.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['attachment_added', 'attachment_refused']));
    expect(read.case.events.find((e) => e.kind === 'attachment_refused')?.detail).toMatchObject({ reason: 'type' });
    // Redelivered (a lost 250): the same case, and the file is not stored twice.
    await intakeWith()(raw);
    expect(await transact((trx) => attachments.list(trx, system, caseId, ctx, now()))).toHaveLength(1);
  });

  it('keeps the TIFF of a fax-to-e-mail gateway on the fax case', async () => {
    const tiff = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), randomBytes(2000)]);
    const raw = await composeMail({
      from: 'fax@gateway.example.net',
      to: 'help@caseline.example.gov',
      subject: 'Fax from +1 202 555 0100',
      text: 'You have received a fax.',
      messageId: '<fax-1@gateway.example.net>',
      attachments: [{ filename: 'fax.tif', content: tiff, contentType: 'image/tiff' }],
    });
    const outcome = await intakeWith({ faxGateways: ['gateway.example.net'] })(raw);
    if (outcome.kind !== 'case') throw new Error('no case');
    expect(outcome.opened.case.channel).toBe('fax');
    const [stored] = await transact((trx) => attachments.list(trx, system, outcome.opened.case.id, ctx, now()));
    expect(stored).toMatchObject({ mediaType: 'image/tiff', filename: 'fax.tif' });
    expect((await download(outcome.opened.case.id, stored!.id)).bytes.equals(tiff)).toBe(true);
  });

  it('leaves no file behind when the message’s transaction fails after its files were stored', async () => {
    const before = await filesOnDisk();
    // Acknowledging the new case (after its files were kept) fails, so the whole message rolls back.
    const failing: CaseService = {
      ...cases,
      acknowledge: async () => {
        throw new Error('injected failure');
      },
    };
    const raw = await composeMail({
      from: '"Ottoline" <ottoline@example.org>',
      to: 'help@caseline.example.gov',
      subject: 'Another form',
      text: 'Attached.',
      messageId: '<rolled-back@example.org>',
      attachments: [{ filename: 'form.pdf', content: samplePdf, contentType: 'application/pdf' }],
    });
    await expect(intakeWith({ cases: failing })(raw)).rejects.toThrow('injected failure');
    expect(await filesOnDisk()).toEqual(before);
  });
});
