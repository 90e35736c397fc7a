import { simpleParser } from 'mailparser';

/**
 * Plain text from an HTML body, by mailparser's own conversion (html-to-text: a real HTML
 * parser, scripts and styles dropped, with mailparser's size and nesting limits). mailparser
 * only converts when the message's root part is HTML, so an HTML body beside attachments is
 * re-parsed here as a one-part message. Empty when the HTML cannot be converted.
 */
export async function htmlAsText(html: string, maxHtmlLength: number): Promise<string> {
  const message = Buffer.concat([
    Buffer.from('Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n'),
    Buffer.from(Buffer.from(html).toString('base64')),
  ]);
  try {
    const parsed = await simpleParser(message, { skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: maxHtmlLength });
    return parsed.text ?? '';
  } catch {
    return '';
  }
}
