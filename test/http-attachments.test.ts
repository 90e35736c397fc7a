import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

// A postal letter's scan and a walk-in's papers, attached by agents over HTTP: the body is the
// file, streamed; the name travels in Content-Disposition, never in the URL.
let t: TestApp;
let agent: Client;
let outsider: Client;
let attachmentsDir: string;
const maxBytes = 256 * 1024;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const secretName = 'Brief von Adelheid Vanderkamp.pdf';
const scannedLetter = Buffer.concat([
  Buffer.from('%PDF-1.5\n% scanned letter of Adelheid Vanderkamp\n'),
  randomBytes(150 * 1024),
  Buffer.from('\n%%EOF\n'),
]);

beforeAll(async () => {
  attachmentsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-http-attachments-'));
  t = await testApp({ attachments: { dir: attachmentsDir, maxBytes } });
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('carl', password, ['agent'], ['patents']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  outsider = client(t.app);
  await outsider.signIn('carl', password, now);
});
afterAll(async () => {
  await t.close();
  await fs.rm(attachmentsDir, { recursive: true, force: true });
});

const disposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

function uploadTo(c: Client, caseId: string, body: Buffer | Readable, headers: Record<string, string> = {}) {
  return c.request({
    method: 'POST',
    url: `/api/cases/${caseId}/attachments`,
    headers: { 'content-type': 'application/pdf', 'content-disposition': disposition(secretName), ...headers },
    payload: body,
  });
}

async function openCase(channel: 'letter' | 'walk_in', title: string): Promise<string> {
  const opened = await agent.post('/api/cases', {
    sender: { name: 'Adelheid Vanderkamp' },
    channel,
    recordType: channel === 'letter' ? 'usps-880/complaint-letter' : 'usps-880/inquiry',
    businessArea: 'trademarks',
    title,
    body: channel === 'letter' ? 'Letter received by post; scan attached.' : 'Came to the counter with papers.',
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return opened.json().id;
}

async function filesOnDisk(): Promise<string[]> {
  const entries = await fs.readdir(attachmentsDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('case attachments over HTTP', () => {
  let letterId: string;
  let attachmentId: string;

  it('takes the scan of a postal letter, lists it and gives back the identical bytes', async () => {
    letterId = await openCase('letter', 'Complaint about a damaged parcel');
    const uploaded = await uploadTo(agent, letterId, scannedLetter);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({
      caseId: letterId,
      filename: secretName,
      mediaType: 'application/pdf',
      sizeBytes: scannedLetter.length,
      messageId: null,
    });
    attachmentId = uploaded.json().id;

    const listed = await agent.get(`/api/cases/${letterId}/attachments`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual([uploaded.json()]);

    const downloaded = await agent.get(`/api/cases/${letterId}/attachments/${attachmentId}`);
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.rawPayload.equals(scannedLetter)).toBe(true);
    expect(downloaded.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(scannedLetter.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(downloaded.headers['content-disposition']).toBe(
      `attachment; filename="Brief von Adelheid Vanderkamp.pdf"; filename*=UTF-8''Brief%20von%20Adelheid%20Vanderkamp.pdf`,
    );

    const detail = (await agent.get(`/api/cases/${letterId}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toContain('attachment_added');
  });

  it('takes a walk-in’s photographed form (sniffed as PNG whatever was declared), with a non-ASCII name', async () => {
    const walkIn = await openCase('walk_in', 'Change of address form');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4000)]);
    const uploaded = await uploadTo(agent, walkIn, png, {
      'content-type': 'application/octet-stream',
      'content-disposition': disposition('formulário ção.png'),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({ mediaType: 'image/png', filename: 'formulário ção.png' });
    const downloaded = await agent.get(`/api/cases/${walkIn}/attachments/${uploaded.json().id}`);
    expect(downloaded.headers['content-type']).toBe('image/png');
    expect(downloaded.rawPayload.equals(png)).toBe(true);
  });

  it('keeps only a safe file name: no path, no control or direction-changing characters', async () => {
    const uploaded = await uploadTo(agent, letterId, scannedLetter, {
      'content-disposition': disposition('..\\..\\tmp/evil\u202Efdp.exe'),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json().filename).toBe('evil_fdp.exe');
    const downloaded = await agent.get(`/api/cases/${letterId}/attachments/${uploaded.json().id}`);
    expect(downloaded.headers['content-disposition']).toBe(`attachment; filename="evil_fdp.exe"; filename*=UTF-8''evil_fdp.exe`);
    // Stored as what its bytes are, whatever its name says.
    expect(downloaded.headers['content-type']).toBe('application/pdf');
  });

  it('refuses a file over the limit with 413, declared or not, keeping nothing', async () => {
    const before = await filesOnDisk();
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(maxBytes, 0x20)]);
    const declared = await uploadTo(agent, letterId, big);
    expect(declared.statusCode).toBe(413);
    expect(declared.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(declared.json().errors).toEqual([{ field: '/body', message: `must be at most ${maxBytes} bytes` }]);
    // Streamed without a length: refused once the limit is crossed.
    const streamed = await uploadTo(agent, letterId, Readable.from([big.subarray(0, 1000), big.subarray(1000)], { objectMode: false }));
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().errors[0].field).toBe('/body');
    expect(await filesOnDisk()).toEqual(before);
    expect((await agent.get(`/api/cases/${letterId}/attachments`)).json()).toHaveLength(2);
  });

  it('refuses a program declared as a PDF with 415, and a missing name or empty file naming the field', async () => {
    const before = await filesOnDisk();
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(5000)]);
    const program = await uploadTo(agent, letterId, elf);
    expect(program.statusCode).toBe(415);
    expect(program.json()).toMatchObject({ status: 415, errors: [{ field: '/body' }] });
    const windows = await uploadTo(agent, letterId, Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'));
    expect(windows.statusCode).toBe(415);

    const unnamed = await agent.request({
      method: 'POST',
      url: `/api/cases/${letterId}/attachments`,
      headers: { 'content-type': 'application/pdf' },
      payload: scannedLetter,
    });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().errors[0].field).toBe('/headers/content-disposition');
    const nameless = await uploadTo(agent, letterId, scannedLetter, { 'content-disposition': 'attachment' });
    expect(nameless.statusCode).toBe(422);
    expect(nameless.json().errors[0].field).toBe('/headers/content-disposition');

    const empty = await uploadTo(agent, letterId, Buffer.alloc(0));
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].field).toBe('/body');
    expect(await filesOnDisk()).toEqual(before);
  });

  it('answers 404 to another area’s agent, for the list, the file and an upload alike', async () => {
    const before = await filesOnDisk();
    expect((await outsider.get(`/api/cases/${letterId}/attachments`)).statusCode).toBe(404);
    const download = await outsider.get(`/api/cases/${letterId}/attachments/${attachmentId}`);
    expect(download.statusCode).toBe(404);
    expect(download.rawPayload.includes(Buffer.from('Vanderkamp'))).toBe(false);
    expect((await uploadTo(outsider, letterId, scannedLetter)).statusCode).toBe(404);
    expect(await filesOnDisk()).toEqual(before);
    // An attachment id under another case is no way round it either.
    const other = await openCase('letter', 'Another letter');
    expect((await agent.get(`/api/cases/${other}/attachments/${attachmentId}`)).statusCode).toBe(404);
  });

  it('streams over a real connection: an upload in pieces, the download, and a 413 the sender actually receives', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const headers = {
      cookie: `caseline_session=${agent.cookie}`,
      'x-csrf-token': agent.csrf!,
      'content-type': 'application/pdf',
      'content-disposition': disposition(secretName),
    };
    const body = (total: number) => {
      let sent = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= total) return controller.close();
          const piece =
            sent === 0 ? Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(16 * 1024 - 9, 0x41)]) : Buffer.alloc(16 * 1024, 0x41);
          sent += piece.length;
          controller.enqueue(piece);
        },
      });
    };
    const url = `${address}/api/cases/${letterId}/attachments`;
    const ok = await fetch(url, { method: 'POST', headers, body: body(13 * 16 * 1024), duplex: 'half' } as RequestInit);
    expect(ok.status).toBe(201);
    const { id, sizeBytes } = (await ok.json()) as { id: string; sizeBytes: number };
    expect(sizeBytes).toBe(13 * 16 * 1024);
    const back = await fetch(`${url}/${id}`, { headers: { cookie: headers.cookie } });
    expect(back.status).toBe(200);
    const bytes = Buffer.from(await back.arrayBuffer());
    expect(bytes.length).toBe(13 * 16 * 1024);
    expect(bytes.subarray(0, 9).toString()).toBe('%PDF-1.4\n');
    const before = await filesOnDisk();
    const tooBig = await fetch(url, { method: 'POST', headers, body: body(4 * maxBytes), duplex: 'half' } as RequestInit);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { errors: unknown[] }).errors).toEqual([
      { field: '/body', message: `must be at most ${maxBytes} bytes` },
    ]);
    expect(await filesOnDisk()).toEqual(before);
  });

  it('answers 410 for the files of an erased (crypto-shredded) data subject', async () => {
    const erased = await openCase('letter', 'Letter of a person later erased');
    const stored = (await uploadTo(agent, erased, scannedLetter)).json();
    const { subject_id } = await t.database.db.selectFrom('cases').select('subject_id').where('id', '=', erased).executeTakeFirstOrThrow();
    // What vault.shred does: the subject's data key is destroyed.
    await t.database.db.deleteFrom('subject_keys').where('subject_id', '=', subject_id).execute();
    const download = await agent.get(`/api/cases/${erased}/attachments/${stored.id}`);
    expect(download.statusCode).toBe(410);
    expect(download.json().type).toBe('urn:caseline:problem:gone');
    expect(download.rawPayload.includes(Buffer.from('Vanderkamp'))).toBe(false);
    expect((await agent.get(`/api/cases/${erased}/attachments`)).statusCode).toBe(410);
  });

  it('documents the raw upload in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const post = doc.paths['/api/cases/{id}/attachments'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(expect.arrayContaining(['application/pdf', 'image/tiff', 'text/plain']));
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain('content-disposition');
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '413', '415']));
    expect(Object.keys(doc.paths['/api/cases/{id}/attachments/{attachmentId}'].get.responses['200'].content)).toEqual(
      expect.arrayContaining(['application/pdf', 'image/tiff', 'image/png', 'text/plain']),
    );
  });

  it('keeps file names and contents out of the log and the files on disk', async () => {
    const logs = t.logs.join('\n');
    expect(logs).not.toMatch(/Vanderkamp|Brief von|formul/);
    for (const file of await filesOnDisk()) {
      expect(path.basename(file)).not.toMatch(/Vanderkamp|\.pdf|\.png/);
      expect((await fs.readFile(file)).includes(Buffer.from('Adelheid'))).toBe(false);
    }
  });
});
