import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeMail, samplePdf } from './compose-mail.test-support.ts';
import { parseInbound } from './parse-inbound.ts';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n');

describe('parseInbound', () => {
  it('reads a reply: threading headers, case number, addresses, text', async () => {
    const raw = await composeMail({
      from: '"Ada Lovelace" <ada@example.org>',
      to: ['intake@cases.example.gov', 'Other <other@example.gov>'],
      cc: 'copy@example.net',
      subject: 'Re: Your benefit claim [C-2026-000123]',
      text: 'Thank you, see attached.',
      messageId: '<reply-1@example.org>',
      inReplyTo: '<case-C-2026-000123-1@cases.example.gov>',
      references: ['<first@cases.example.gov>', '<case-C-2026-000123-1@cases.example.gov>'],
      date: new Date('2026-03-02T10:00:00Z'),
    });
    const email = await parseInbound(raw);
    expect(email).toMatchObject({
      messageId: 'reply-1@example.org',
      from: { address: 'ada@example.org', name: 'Ada Lovelace' },
      to: ['intake@cases.example.gov', 'other@example.gov'],
      cc: ['copy@example.net'],
      subject: 'Re: Your benefit claim [C-2026-000123]',
      html: null,
      date: new Date('2026-03-02T10:00:00Z'),
      inReplyTo: 'case-C-2026-000123-1@cases.example.gov',
      references: ['first@cases.example.gov', 'case-C-2026-000123-1@cases.example.gov'],
      caseNumbers: ['C-2026-000123'],
      autoReply: null,
      attachments: [],
      isFax: false,
    });
    expect(email.text.trim()).toBe('Thank you, see attached.');
  });

  it('decodes encoded subjects before looking for case numbers', async () => {
    const raw = await composeMail({ from: 'a@example.org', to: 'b@example.gov', subject: 'Réponse (C 2026 000042) – merci', text: 'x' });
    expect(raw.toString()).toContain('=?UTF-8?');
    const email = await parseInbound(raw);
    expect(email.subject).toBe('Réponse (C 2026 000042) – merci');
    expect(email.caseNumbers).toEqual(['C-2026-000042']);
  });

  it('derives text from HTML-only mail, without markup or script', async () => {
    const html =
      '<html><head><style>p{color:red}</style><script>alert("x")</script></head><body><p>Hello <b>there</b></p><p>Line two &amp; more</p></body></html>';
    const email = await parseInbound(await composeMail({ from: 'a@example.org', to: 'b@example.gov', subject: 'hi', html }));
    expect(email.html).toContain('<b>there</b>');
    expect(email.text).toContain('Hello there');
    expect(email.text).toContain('Line two & more');
    expect(email.text).not.toMatch(/<|alert|color/);
  });

  it('derives text from HTML sent beside attachments or as the only alternative', async () => {
    const withPdf = await composeMail({
      from: 'a@example.org',
      to: 'b@example.gov',
      subject: 'hi',
      html: '<p>Hello <b>there</b></p>',
      attachments: [{ filename: 'a.pdf', content: samplePdf }],
    });
    expect((await parseInbound(withPdf)).text).toBe('Hello there');
    const onlyAlternative = crlf([
      'Subject: x',
      'Content-Type: multipart/alternative; boundary=b',
      '',
      '--b',
      'Content-Type: text/html',
      '',
      '<p>Only <i>html</i></p>',
      '--b--',
    ]);
    expect((await parseInbound(onlyAlternative)).text).toBe('Only html');
  });

  it('reads attachments with sizes and safe file names', async () => {
    const raw = await composeMail({
      from: 'a@example.org',
      to: 'b@example.gov',
      subject: 'forms',
      text: 'attached',
      attachments: [
        { filename: 'claim form.pdf', content: samplePdf, contentType: 'application/pdf' },
        { filename: '../../etc/pass\u202Efdp.exe', content: 'x' },
        { filename: '...', content: 'y', contentType: 'text/plain' },
      ],
    });
    const { attachments } = await parseInbound(raw);
    expect(attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ['claim form.pdf', 'application/pdf', samplePdf.length],
      ['pass_fdp.exe', 'application/octet-stream', 1],
      ['attachment', 'text/plain', 1],
    ]);
    expect(attachments[0]!.content.equals(samplePdf)).toBe(true);
  });

  it('recognises a fax from a configured gateway only when it carries a PDF or TIFF', async () => {
    const fax = (from: string, attachment: { filename: string; contentType: string }) =>
      composeMail({
        from,
        to: 'b@example.gov',
        subject: 'Fax from 555 0100',
        text: 'fax',
        attachments: [{ ...attachment, content: samplePdf }],
      });
    const options = { faxGateways: ['fax.example.net', 'scanner@office.example.gov'] };
    const tiff = { filename: 'fax.tif', contentType: 'image/tiff' };
    expect((await parseInbound(await fax('noreply@FAX.example.net', tiff), options)).isFax).toBe(true);
    expect(
      (await parseInbound(await fax('scanner@office.example.gov', { filename: 'f.pdf', contentType: 'application/octet-stream' }), options))
        .isFax,
    ).toBe(true);
    expect(
      (await parseInbound(await fax('noreply@fax.example.net', { filename: 'fax.txt', contentType: 'text/plain' }), options)).isFax,
    ).toBe(false);
    expect((await parseInbound(await fax('someone@example.org', tiff), options)).isFax).toBe(false);
    expect((await parseInbound(await fax('noreply@fax.example.net', tiff))).isFax).toBe(false);
  });

  it('synthesises a stable Message-ID from the content when there is none', async () => {
    const raw = crlf(['From: a@example.org', 'Subject: no id', '', 'body']);
    const first = await parseInbound(raw);
    expect(first.messageId).toMatch(/^[0-9a-f]{64}@sha256\.caseline\.invalid$/);
    expect((await parseInbound(Buffer.from(raw))).messageId).toBe(first.messageId);
    expect((await parseInbound(crlf(['From: a@example.org', 'Subject: no id', '', 'other body']))).messageId).not.toBe(first.messageId);
    expect(first.date).toBeNull();
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'auto-submitted'],
    ['Auto-Submitted: no', null],
    ['Precedence: bulk', 'precedence'],
    ['Precedence: auto_reply', 'precedence'],
    ['Precedence: first-class', null],
    ['X-Auto-Response-Suppress: All', 'auto-response-suppress'],
    ['X-Autoreply: yes', 'x-autoreply'],
    ['List-Id: <news.example.org>', 'mailing-list'],
    ['List-Unsubscribe: <mailto:leave@example.org>', 'mailing-list'],
    ['Return-Path: <>', 'null-sender'],
    ['Return-Path: <a@example.org>', null],
    ['X-Caseline-Case: C-2026-000123', 'own-outbound'],
  ])('classifies %s as auto-reply %s', async (header, reason) => {
    const email = await parseInbound(crlf([header, 'From: a@example.org', 'To: b@example.gov', 'Subject: Out of office', '', 'away']));
    expect(email.autoReply).toBe(reason);
  });

  it('classifies bounces from MAILER-DAEMON or postmaster, and an empty envelope sender', async () => {
    const from = (sender: string) => crlf([`From: ${sender}`, 'Subject: Undelivered Mail', '', 'bounce']);
    expect((await parseInbound(from('MAILER-DAEMON@mx.example.org'))).autoReply).toBe('mailer-daemon');
    expect((await parseInbound(from('Mail System <postmaster@example.org>'))).autoReply).toBe('mailer-daemon');
    expect((await parseInbound(from('a@example.org'), { envelopeSender: '' })).autoReply).toBe('null-sender');
    expect((await parseInbound(from('a@example.org'), { envelopeSender: 'a@example.org' })).autoReply).toBeNull();
  });

  it('never throws, whatever bytes it is given', async () => {
    const text = (units: string[]) => fc.string({ unit: fc.constantFrom(...units), maxLength: 40 });
    const headerName = fc.oneof(
      fc.constantFrom(
        'From',
        'To',
        'Cc',
        'Subject',
        'Date',
        'Message-ID',
        'In-Reply-To',
        'References',
        'Content-Type',
        'Content-Transfer-Encoding',
        'Return-Path',
        'Precedence',
        'Content-Disposition',
      ),
      text(['X', 'a', '-', ':', ' ']),
    );
    const headerValue = text([
      'a',
      '@',
      '<',
      '>',
      '"',
      ';',
      '=',
      '?',
      'Q',
      'B',
      ' ',
      '\r\n ',
      'multipart/mixed',
      'boundary=',
      'base64',
      '\u00e9',
      '\u0000',
      '\uFFFD',
      ',',
    ]);
    const header = fc.tuple(headerName, headerValue).map(([name, value]) => Buffer.from(`${name}: ${value}\r\n`, 'latin1'));
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      text(['--', 'a', '\r\n', '=', '<p>', 'Content-Type: text/html', ' ']).map((s) => Buffer.from(s)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(header, { maxLength: 8 }), fc.boolean(), body, async (headers, separated, content) => {
        const raw = Buffer.concat([...headers, Buffer.from(separated ? '\r\n' : ''), content]);
        const email = await parseInbound(raw);
        expect(email.messageId).not.toBe('');
        expect(Array.isArray(email.attachments)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
