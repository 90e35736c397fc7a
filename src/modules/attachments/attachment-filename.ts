const maxFilenameLength = 200;

// Path separators, characters Windows reserves, and control characters (C0, DEL, C1, and the
// bidirectional overrides that can disguise `evil\u202Efdp.exe` as a PDF).
const unsafeCharacters = /[\\/:*?"<>|\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A file name that is safe to store and offer for download: the last path segment of what the
 * sender wrote, without unsafe characters or leading dots (no hidden files, no `..`), at most
 * 200 characters with the extension kept. Falls back to `attachment`.
 */
export function sanitiseFilename(name: string | undefined): string {
  const lastSegment = (name ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(unsafeCharacters, '_')
    .trim()
    .replace(/^[.\s]+/, '');
  if (cleaned === '' || /^[_.\s]*$/.test(cleaned)) return 'attachment';
  if (cleaned.length <= maxFilenameLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, maxFilenameLength - extension.length) + extension;
}
