import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { requiresMfa, staffRoles } from '../../../access/index.ts';
import { describeRetention, notices, personalTables } from '../../../catalog/index.ts';
import { loadConfig } from '../../../config.ts';
import { buildAssessment, piaConfigurationOf, renderPiaMarkdown, renderPiaPdf, type Assessment } from './index.ts';

// Secrets a real deployment would hold in its environment; none may reach the assessment.
const masterKey = Buffer.alloc(32, 7).toString('base64');
const secrets = {
  CASELINE_DATA: '/srv/caseline-secret-dir',
  CASELINE_MASTER_KEY: masterKey,
  DATABASE_URL: 'postgres://pia_user:Db-Passw0rd-9f3@db.internal.example.gov:5432/caseline',
  CASELINE_SMTP_RELAY: 'smtp://relay_user:Relay-Passw0rd-77@relay.example.gov:25',
  CASELINE_MAIL_FROM: 'Customer Care <care@example.gov>',
  CASELINE_AUDIT_WEBHOOK: 'https://hooks.example.gov/checkpoints/T0KEN-abc123',
  CASELINE_AGENCY_NAME: 'Example Agency Customer Care',
};
const generatedAt = new Date('2026-03-02T15:00:00Z');

const serverAssessment = buildAssessment({ configuration: piaConfigurationOf(loadConfig(secrets)), generatedAt });
const embeddedAssessment = buildAssessment({
  configuration: piaConfigurationOf(loadConfig({ CASELINE_DATA: '/tmp/caseline-pia-test' })),
  generatedAt,
});

/** The Markdown with its escapes removed, so catalog prose can be searched for verbatim. */
const plain = (markdown: string): string => markdown.replaceAll('\\', '');

async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  // pdf.js breaks lines where the PDF wraps them; join them back for searching.
  return { pages: totalPages, text: text.replace(/\s+/g, ' ') };
}

const questionsOf = (assessment: Assessment, part: string) =>
  assessment.parts.find((p) => p.title.includes(part))!.questions.map((q) => `${q.number} ${q.question}`.trim());

describe('privacy impact assessment', () => {
  const markdown = renderPiaMarkdown(serverAssessment);
  const text = plain(markdown);

  it("asks seed 003's questions in its order, then the retention question", () => {
    const pta = questionsOf(serverAssessment, 'Threshold');
    expect(pta.map((q) => q.split(' ')[0])).toEqual(['1', '2', '3', '4', '5', '6', 'Designation']);
    expect(pta[3]).toMatch(/relates in any way to an individual/);
    const pia = questionsOf(serverAssessment, 'Impact');
    expect(pia.map((q) => q.split(' ')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(pia[0]).toMatch(/What information is to be collected/);
    expect(pia[3]).toMatch(/With whom will the information be shared/);
    expect(pia[4]).toMatch(/decline to provide information/);
    expect(pia[5]).toMatch(/How will the information be secured/);
    expect(pia[6]).toMatch(/system of records/);
    expect(pia[7]).toMatch(/retained/);
    const headings = markdown.split('\n').filter((line) => line.startsWith('## ') || line.startsWith('### '));
    expect(headings.indexOf('## Privacy Threshold Analysis (PTA)')).toBeLessThan(headings.indexOf('## Privacy Impact Assessment (PIA)'));
  });

  it('lists every record type of every notice with its retention rule and the notice’s retention text', () => {
    const recordTypes = notices.flatMap((notice) => notice.recordTypes);
    expect(recordTypes.length).toBeGreaterThan(30);
    for (const recordType of recordTypes) {
      const row = `| ${recordType.name} | ${describeRetention(recordType.retention)} | ${recordType.retentionStatement} |`;
      expect(text, recordType.id).toContain(row);
      expect(text, recordType.id).toContain(`(${recordType.id})`);
    }
  });

  it('gives every notice’s routine uses, purposes and procedures', () => {
    for (const notice of notices) {
      expect(text).toContain(`#### ${notice.designation}, ${notice.name}`);
      expect(text).toContain(notice.routineUses.text);
      expect(text).toContain(`Standard (general) routine uses adopted: ${notice.routineUses.standard.join(', ')}.`);
      for (const purpose of notice.purposes) expect(text).toContain(`- ${purpose}`);
      expect(text).toContain(`Notification: ${notice.notificationProcedures}`);
      expect(text).toContain(`Access: ${notice.recordAccessProcedures}`);
      expect(text).toContain(`Disposal: ${notice.disposal}`);
    }
  });

  it('lists every table of personal data, and says so for a notice with none', () => {
    for (const [name, decl] of Object.entries(personalTables())) expect(text).toContain(`| ${name} | ${decl.description} |`);
    const withoutTables = serverAssessment.catalog.notices.filter((notice) => notice.tables.length === 0);
    expect(text.split("The catalog declares no database table for this notice's records").length - 1).toBe(withoutTables.length);
    expect(serverAssessment.catalog.notices.find((n) => n.id === '880.000')!.tables.map((t) => t.name)).toContain('cases');
  });

  it('shows every role with its grants, and a second factor where access requires one', () => {
    for (const role of staffRoles) {
      const line = text.split('\n').find((l) => l.startsWith(`| ${role.replaceAll('_', ' ')} |`));
      expect(line, role).toBeDefined();
      expect(line!.endsWith(requiresMfa([role]) ? '| required |' : '| - |'), role).toBe(true);
    }
    expect(text).toMatch(/\| auditor \| .* \| read the audit log; verify the audit log; read the catalog \| - \|/);
  });

  it('describes a PostgreSQL server, an environment key, a relay and a webhook as configured', () => {
    expect(text).toContain('| Database engine | PostgreSQL server (DATABASE_URL) |');
    expect(text).toContain('| Master key source | environment (CASELINE_MASTER_KEY) |');
    expect(text).toContain('| Outbound mail relay configured | yes |');
    expect(text).toContain('Outbound e-mail to customers goes through the configured SMTP relay.');
    expect(text).toContain('| Audit checkpoints also sent to a webhook | yes |');
    expect(text).toContain('Database: A PostgreSQL server named by DATABASE_URL');
    expect(text).toContain('Prepared for: Example Agency Customer Care');
  });

  it('describes the embedded engine, the key file and an unsent outbox when nothing is configured', () => {
    const embedded = plain(renderPiaMarkdown(embeddedAssessment));
    expect(embedded).toContain('| Database engine | embedded PGlite (data directory) |');
    expect(embedded).toContain('| Master key source | key file in the data directory |');
    expect(embedded).toContain('Database: The embedded PostgreSQL database (PGlite)');
    expect(embedded).toContain('No outbound mail relay is configured');
    expect(embedded).not.toContain('PostgreSQL server (DATABASE_URL)');
  });

  it('reproduces no secret of the configuration', () => {
    const json = JSON.stringify(serverAssessment);
    for (const secret of [
      masterKey,
      'Db-Passw0rd-9f3',
      'pia_user',
      'db.internal.example.gov',
      'Relay-Passw0rd-77',
      'relay.example.gov',
      'T0KEN-abc123',
      '/srv/caseline-secret-dir',
    ]) {
      expect(markdown, secret).not.toContain(secret);
      expect(json, secret).not.toContain(secret);
    }
  });

  it('renders a PDF with every part, every notice and no secret', async () => {
    const pdf = await renderPiaPdf(serverAssessment);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    const { pages, text: pdfBody } = await pdfText(pdf);
    expect(pages).toBeGreaterThan(10);
    for (const heading of [
      'Privacy Threshold Analysis (PTA)',
      'Privacy Impact Assessment (PIA)',
      'Designation',
      `Page ${pages} of ${pages}`,
    ]) {
      expect(pdfBody).toContain(heading);
    }
    for (const notice of notices) expect(pdfBody).toContain(`${notice.designation}, ${notice.name}`);
    expect(pdfBody).toContain('PostgreSQL server (DATABASE_URL)');
    for (const secret of [masterKey, 'Db-Passw0rd-9f3', 'Relay-Passw0rd-77', 'T0KEN-abc123']) expect(pdfBody).not.toContain(secret);
  });
});
