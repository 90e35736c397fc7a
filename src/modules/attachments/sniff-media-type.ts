/**
 * What a file is, from its first bytes, never from the type or name its sender declared: a
 * Windows program declared as application/pdf is still a program. Only the types a contact
 * center needs are recognised; everything else is refused.
 */
export const attachmentMediaTypes = [
  'application/pdf',
  'image/tiff',
  'image/png',
  'image/jpeg',
  'image/gif',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export type AttachmentMediaType = (typeof attachmentMediaTypes)[number];

const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Where a file comes from decides what it may be: office documents only arrive by e-mail. */
export type AttachmentSource = 'upload' | 'email';

export const allowedMediaTypes: Readonly<Record<AttachmentSource, readonly AttachmentMediaType[]>> = {
  upload: ['application/pdf', 'image/tiff', 'image/png', 'image/jpeg', 'image/gif', 'text/plain'],
  email: attachmentMediaTypes,
};

/** How many leading bytes the sniffer looks at (fewer when the file is shorter). */
export const sniffLength = 4096;

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Office Open XML packages start (as Office, LibreOffice and the common libraries write them) with one of these entries. */
const ooxmlFirstEntries = /^(\[Content_Types\]\.xml|_rels\/|docProps\/|word\/|xl\/)/;

function ooxmlKind(head: Uint8Array, hint: { filename: string; declaredType: string | null }): AttachmentMediaType | null {
  // A zip local file header: the first entry's name is at offset 30, its length at 26.
  if (head.length < 30) return null;
  const nameLength = head[26]! | (head[27]! << 8);
  const firstName = Buffer.from(head.subarray(30, 30 + nameLength)).toString('latin1');
  if (!ooxmlFirstEntries.test(firstName)) return null;
  const text = Buffer.from(head).toString('latin1');
  const word = text.includes('word/');
  const sheet = text.includes('xl/');
  if (word !== sheet) return word ? docx : xlsx;
  // The parts are further in than we looked: the name or the declared type decides between the two.
  const extension = /\.([a-z]+)$/i.exec(hint.filename)?.[1]?.toLowerCase();
  if (extension === 'docx' || hint.declaredType === docx) return docx;
  if (extension === 'xlsx' || hint.declaredType === xlsx) return xlsx;
  return null;
}

/** Bytes that may appear in plain text besides printable ones: tab, line feed, form feed, carriage return. */
function isTextControl(byte: number): boolean {
  return byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
}

/** True when the bytes hold no control characters but tab and line breaks (no NUL, no DEL). UTF-8 validity is checked apart. */
export function looksLikeText(bytes: Uint8Array): boolean {
  for (const byte of bytes) if ((byte < 0x20 && !isTextControl(byte)) || byte === 0x7f) return false;
  return true;
}

/**
 * The type of a file from its first `sniffLength` bytes; null when it is none of the known
 * ones. Text is the fallback for bytes with no signature: valid UTF-8 without control
 * characters. The caller checks the rest of a text file as it streams (see TextCheck).
 */
export function sniffMediaType(head: Uint8Array, hint: { filename: string; declaredType: string | null }): AttachmentMediaType | null {
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return ooxmlKind(head, hint);
  if (head.length > 0 && looksLikeText(head) && isUtf8Prefix(head)) return 'text/plain';
  return null;
}

/** Valid UTF-8, allowing the last character to be cut off by the end of the sniffed window. */
function isUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Checks a text file as it streams: every piece valid UTF-8 (across piece boundaries) and free of control characters. */
export class TextCheck {
  #decoder = new TextDecoder('utf-8', { fatal: true });

  /** False once the bytes are not text. */
  push(bytes: Uint8Array): boolean {
    if (!looksLikeText(bytes)) return false;
    try {
      this.#decoder.decode(bytes, { stream: true });
      return true;
    } catch {
      return false;
    }
  }

  /** False when the text ends inside a character. */
  end(): boolean {
    try {
      this.#decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}
