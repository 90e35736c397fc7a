/** A CSV file that is not well-formed; `line` is 1-based. The message never quotes the file. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.line = line;
  }
}

export interface CsvRecord {
  /** The line the record starts on (a quoted field may span lines). */
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * RFC 4180: comma-separated fields, optionally in double quotes (a quote inside doubled),
 * records ended by CRLF or LF, an optional UTF-8 byte-order mark. Blank lines are skipped
 * (spreadsheets leave them at the end).
 */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let afterQuote = false;

  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === ',') {
      endField();
    } else if (c === '\n' || (c === '\r' && input[i + 1] === '\n')) {
      endRecord();
      if (c === '\r') i++;
      line++;
      recordLine = line;
    } else if (c === '"') {
      if (field !== '' || afterQuote)
        throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      quoted = true;
    } else {
      if (afterQuote) throw new CsvSyntaxError(line, 'text after a closing quote (a field is either quoted whole or not at all)');
      if (c === '\r') throw new CsvSyntaxError(line, 'a carriage return not followed by a line feed');
      field += c;
    }
    i++;
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'a quoted field is never closed');
  if (field !== '' || fields.length > 0 || afterQuote) endRecord();
  return records;
}
