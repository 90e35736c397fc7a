import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { printable, renderReplyLetter, surveySentence } from '../src/modules/letters/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let agent: Client;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const ids: Record<string, string> = {};
const letterhead = {
  name: 'Office of the Consumer Advocate',
  address: ['475 LENFANT PLZ SW', 'WASHINGTON DC 20260-0004'],
  fax: '+1 202 555 0199',
};

async function pdfText(pdf: Buffer | Uint8Array): Promise<{ pages: string[]; all: string }> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: false });
  return { pages: text, all: text.join('\n') };
}

/** Each line found after the one before it. */
function inOrder(text: string, lines: readonly string[]): boolean {
  let at = -1;
  for (const line of lines) {
    at = text.indexOf(line, at + 1);
    if (at < 0) return false;
  }
  return true;
}

const customer = async (body: object) => {
  const created = await agent.post('/api/customers', body);
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
};

const caseWithReply = async (customerId: string, reply: string) => {
  const opened = await agent.post('/api/cases', {
    customerId,
    channel: 'letter',
    recordType: 'usps-880/complaint-letter',
    title: 'Mail held without notice',
    body: 'My mail has been held for two weeks.',
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const sent = await agent.post(`/api/cases/${opened.json().id}/replies`, { to: [], body: reply });
  expect(sent.statusCode, sent.body).toBe(201);
  return { caseId: opened.json().id as string, number: opened.json().number as string, messageId: sent.json().id as string };
};

beforeAll(async () => {
  t = await testApp({ agency: letterhead, timeZone: 'America/Los_Angeles' });
  // 03:30 UTC on 2 March is still 1 March in Los Angeles: the letter is dated by the agency's calendar.
  t.clock.now = new Date('2026-03-02T03:30:00Z');
  await t.addStaff('agnes', password, ['agent']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  ids.rosalind = await customer({
    kind: 'person',
    values: [
      { field: 'customer_name', value: "Rosalind O'Hare-Whitfield" },
      {
        field: 'mailing_address',
        value: { lines: ['1500 East Main Avenue', 'Suite 201'], city: 'Springfield', state: 'Virginia', zip: '22162-1234' },
      },
      { field: 'fax', value: '(703) 555-0142' },
    ],
  });
  ids.other = await customer({
    kind: 'person',
    values: [
      { field: 'customer_name', value: 'Bartholomew Quincey' },
      { field: 'mailing_address', value: { lines: '77 Harbor Rd', city: 'Portland', state: 'ME', zip: '04101' } },
    ],
  });
  ids.noAddress = await customer({ kind: 'person', values: [{ field: 'customer_name', value: 'Cordelia Nowhere' }] });
  ids.contact = await customer({ kind: 'person', values: [{ field: 'customer_name', value: 'Mildred Doe' }] });
  ids.firm = await customer({
    kind: 'organisation',
    values: [
      { field: 'company_name', value: 'Big Business, Inc.' },
      { field: 'mailing_address', value: { lines: '12 E Business Lane Ste 209', city: 'Kryton', state: 'TN', zip: '38188-0002' } },
    ],
    contacts: [{ customerId: ids.contact, relationship: 'primary' }],
  });
});
afterAll(async () => {
  await t.close();
});

describe('reply letters', () => {
  it('print the address block in the window, the date, the case number and the reply, and no one else’s data', async () => {
    const { caseId, number, messageId } = await caseWithReply(
      ids.rosalind!,
      'We have released your held mail.\n\nIt will be delivered tomorrow.',
    );
    const response = await agent.get(`/api/cases/${caseId}/messages/${messageId}/letter.pdf`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { all } = await pdfText(response.rawPayload);
    expect(inOrder(all, ['ROSALIND OHARE WHITFIELD', '1500 E MAIN AVE STE 201', 'SPRINGFIELD VA 22162-1234'])).toBe(true);
    expect(
      inOrder(all, [
        letterhead.name,
        ...letterhead.address,
        'ROSALIND',
        'March 1, 2026',
        `Case ${number}`,
        'Dear Rosalind',
        'released your held mail',
      ]),
    ).toBe(true);
    expect(all).toContain('It will be delivered tomorrow.');
    for (const foreign of ['BARTHOLOMEW', 'Bartholomew', 'QUINCEY', 'HARBOR', 'PORTLAND', '04101', 'Mildred', 'Cordelia'])
      expect(all).not.toContain(foreign);
    // Not personal data in the document's metadata either.
    expect(response.rawPayload.toString('latin1')).not.toMatch(/Rosalind|ROSALIND/);
    expect(all).not.toContain(surveySentence);

    // The block sits in a #10 window envelope's window: 1 in from the left, 2 1/2 to 3 5/8 in below the top.
    const page = await (await getDocumentProxy(new Uint8Array(response.rawPayload))).getPage(1);
    const items = (await page.getTextContent()).items.filter((item) => 'str' in item && item.str.trim() !== '') as {
      str: string;
      transform: number[];
    }[];
    const block = items.filter((item) =>
      ['ROSALIND OHARE WHITFIELD', '1500 E MAIN AVE STE 201', 'SPRINGFIELD VA 22162-1234'].includes(item.str),
    );
    expect(block).toHaveLength(3);
    for (const item of block) {
      const [x, fromBottom] = [item.transform[4]!, item.transform[5]!];
      expect(x).toBeGreaterThanOrEqual(0.875 * 72);
      expect(792 - fromBottom).toBeGreaterThan(2.5 * 72);
      expect(792 - fromBottom).toBeLessThan(3.625 * 72);
    }
    const inWindow = items.filter((item) => 792 - item.transform[5]! > 2.5 * 72 - 10 && 792 - item.transform[5]! < 3.625 * 72 + 10);
    expect(inWindow.map((item) => item.str)).toEqual(block.map((item) => item.str));
  });

  it('go to an organisation’s key contact with an ATTN line above the firm name', async () => {
    const { caseId, messageId } = await caseWithReply(ids.firm!, 'Your bulk mailing permit is renewed.');
    const response = await agent.get(`/api/cases/${caseId}/messages/${messageId}/letter.pdf`);
    expect(response.statusCode, response.body).toBe(200);
    const { all } = await pdfText(response.rawPayload);
    expect(
      inOrder(all, ['ATTN MILDRED DOE', 'BIG BUSINESS INC', '12 E BUSINESS LN STE 209', 'KRYTON TN 38188-0002', 'Dear Mildred Doe']),
    ).toBe(true);
  });

  it('are audited as a print of the customer’s name and address', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['subjects', 'detail', 'record_id'])
      .where('action', '=', 'print')
      .where('record_type', '=', 'usps-880/customer')
      .execute();
    const letters = rows.filter((r) => (r.detail as { document?: string }).document === 'letter');
    expect(letters.map((r) => r.record_id).sort()).toEqual([ids.rosalind, ids.firm].sort());
    expect(letters.find((r) => r.record_id === ids.rosalind)?.detail).toMatchObject({ fields: ['customer_name', 'mailing_address'] });
    expect(letters.find((r) => r.record_id === ids.firm)?.subjects).toEqual([ids.firm, ids.contact]);
    expect(t.logs.join('\n')).not.toMatch(/Rosalind|ROSALIND|SPRINGFIELD/);
  });

  it('are refused with 422 for a customer without a mailing address, and for a message that is not a reply', async () => {
    const { caseId, messageId } = await caseWithReply(ids.noAddress!, 'Please send us your address.');
    const none = await agent.get(`/api/cases/${caseId}/messages/${messageId}/letter.pdf`);
    expect(none.statusCode).toBe(422);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.json().errors).toEqual([{ field: '/params/id', message: "the case's customer has no mailing address" }]);
    expect(none.body).not.toContain('Cordelia');

    const detail = (await agent.get(`/api/cases/${caseId}`)).json();
    const inbound = detail.messages.find((m: { kind: string }) => m.kind === 'inbound').id;
    const notReply = await agent.get(`/api/cases/${caseId}/messages/${inbound}/letter.pdf`);
    expect(notReply.statusCode).toBe(422);
    expect(notReply.json().errors[0].field).toBe('/params/messageId');
    const missing = await agent.get(`/api/cases/${caseId}/messages/${crypto.randomUUID()}/letter.pdf`);
    expect(missing.statusCode).toBe(404);
  });

  it('invite the reader to a survey when given its address', async () => {
    const base = {
      letterhead,
      addressee: {
        kind: 'person' as const,
        name: 'Ann Lee',
        address: {
          deliveryLine: '1 MAIN ST',
          unitDesignator: null,
          unitNumber: null,
          city: 'AMES',
          state: 'IA',
          zip5: '50010',
          zip4: null,
        },
      },
      salutationName: 'Ann Lee',
      caseNumber: 'C-2026-000042',
      body: 'Thank you.',
      date: new Date('2026-01-05T12:00:00Z'),
      timeZone: 'America/New_York',
    };
    const withSurvey = (await pdfText(await renderReplyLetter({ ...base, surveyUrl: 'https://survey.example.gov/s/abc' }))).all;
    expect(withSurvey).toContain(surveySentence);
    expect(withSurvey).toContain('https://survey.example.gov/s/abc');
    expect((await pdfText(await renderReplyLetter(base))).all).not.toContain('survey');
  });
});

describe('outbound faxes', () => {
  it('have a cover sheet naming the recipient, the agency, the page count and the case number', async () => {
    const long = Array.from({ length: 160 }, (_, i) => `Paragraph ${i + 1} of the answer about the held mail.`).join('\n');
    const { caseId, number, messageId } = await caseWithReply(ids.rosalind!, long);
    const response = await agent.get(`/api/cases/${caseId}/messages/${messageId}/fax.pdf`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const { pages } = await pdfText(response.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(response.headers['x-fax-pages']).toBe(String(pages.length));
    const cover = pages[0]!;
    expect(inOrder(cover, ['FAX', "Rosalind O'Hare-Whitfield", '+17035550142', letterhead.name, letterhead.fax, 'March 1, 2026'])).toBe(
      true,
    );
    expect(cover).toContain(`${pages.length} (including this cover sheet)`);
    expect(cover).toContain(`Case ${number}`);
    expect(cover).not.toContain('Paragraph 1 ');
    expect(pages[1]).toContain('Paragraph 1 of the answer');
    expect(pages[pages.length - 1]).toContain('Paragraph 160 of the answer');
    expect(pages[pages.length - 1]).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it('are refused with 422 when the customer has no fax number', async () => {
    const { caseId, messageId } = await caseWithReply(ids.other!, 'We will write to you.');
    const response = await agent.get(`/api/cases/${caseId}/messages/${messageId}/fax.pdf`);
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0]).toEqual({ field: '/params/id', message: "the case's customer has no fax number" });
  });
});

describe('the letterhead and the documents’ text', () => {
  it('come from CASELINE_AGENCY_* (address lines split at |), checked at start-up', () => {
    const env = { CASELINE_DATA: '/tmp/caseline-letters-config' };
    expect(loadConfig(env).agency).toEqual({ name: 'Caseline Customer Care', address: [], fax: null });
    expect(
      loadConfig({
        ...env,
        CASELINE_AGENCY_NAME: 'Consumer Affairs',
        CASELINE_AGENCY_ADDRESS: ' 475 LENFANT PLZ SW | WASHINGTON DC 20260-0004 ',
        CASELINE_AGENCY_FAX: '202-555-0199',
      }).agency,
    ).toEqual({ name: 'Consumer Affairs', address: ['475 LENFANT PLZ SW', 'WASHINGTON DC 20260-0004'], fax: '202-555-0199' });
    expect(() => loadConfig({ ...env, CASELINE_AGENCY_ADDRESS: 'a|b|c|d|e' })).toThrow(ConfigError);
  });

  it('keep what the built-in PDF fonts can show and mark the rest', () => {
    expect(printable('Zoë “quoted” – 5 € 漢字 😀\r\nnext')).toBe('Zoë “quoted” – 5 € ?? ?\nnext');
  });

  it('are described in the OpenAPI document', async () => {
    const paths = Object.keys((await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/cases/{id}/messages/{messageId}/letter.pdf',
        '/api/cases/{id}/messages/{messageId}/fax.pdf',
        '/api/macros',
        '/api/macros/{id}',
        '/api/cases/{id}/macros/{macroId}/preview',
      ]),
    );
  });
});
