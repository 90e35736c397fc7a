/**
 * Macro templates: text with placeholders written {{customer.name}}. Braces belong to
 * placeholders only, so a template has one reading: every '{' opens a '{{…}}' and every
 * '}' closes one. Unknown names and unbalanced braces are refused when a macro is saved,
 * with the offending placeholder and where it stands.
 */

export const placeholderNames = [
  'customer.name',
  'customer.first_name',
  'case.number',
  'case.title',
  'agent.name',
  /** Optional: a line holding it is left out when there is no survey to link to. */
  'survey.link',
] as const;
export type PlaceholderName = (typeof placeholderNames)[number];

export type Segment = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'placeholder'; readonly name: PlaceholderName };

/** A parsed template in normal form: no empty text, never two texts in a row. */
export type Template = readonly Segment[];

/** Values to fill in; null (or missing) means absent, and every line holding an absent placeholder is left out. */
export type TemplateValues = Readonly<Partial<Record<PlaceholderName, string | null>>>;

export class TemplateError extends Error {
  /** 0-based offset of the first character at fault. */
  readonly offset: number;
  /** 1-based line and column of that character. */
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  constructor(source: string, offset: number, reason: string) {
    const before = source.slice(0, offset).split('\n');
    const line = before.length;
    const column = before[before.length - 1]!.length + 1;
    super(`line ${line}, column ${column} (offset ${offset}): ${reason}`);
    this.offset = offset;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

export function isPlaceholderName(name: string): name is PlaceholderName {
  return (placeholderNames as readonly string[]).includes(name);
}

/** Shortens what is quoted back in an error: a template is not personal data, but it may be long. */
function quote(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function parseTemplate(source: string): Template {
  const segments: Segment[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '}') throw new TemplateError(source, i, "'}' without an opening '{{'");
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    if (source[i + 1] !== '{') throw new TemplateError(source, i, "a lone '{': placeholders are written {{name}}");
    const close = source.indexOf('}}', i + 2);
    const inner = close < 0 ? null : source.slice(i + 2, close);
    if (inner === null || /[{}\n]/.test(inner)) throw new TemplateError(source, i, "'{{' without its closing '}}'");
    const name = inner.trim();
    if (name === '') throw new TemplateError(source, i, 'an empty placeholder {{}}');
    if (!isPlaceholderName(name))
      throw new TemplateError(
        source,
        i,
        `unknown placeholder {{${quote(name)}}}; use one of ${placeholderNames.map((n) => `{{${n}}}`).join(', ')}`,
      );
    if (text !== '') segments.push({ kind: 'text', text });
    text = '';
    segments.push({ kind: 'placeholder', name });
    i = close + 2;
  }
  if (text !== '') segments.push({ kind: 'text', text });
  return segments;
}

/** The template's canonical source: placeholders without inner spaces. */
export function printTemplate(template: Template): string {
  return template.map((s) => (s.kind === 'text' ? s.text : `{{${s.name}}}`)).join('');
}

/** The placeholders a template uses, each once, in order of first use. */
export function placeholdersOf(template: Template): PlaceholderName[] {
  return [...new Set(template.flatMap((s) => (s.kind === 'placeholder' ? [s.name] : [])))];
}

/**
 * Fills the placeholders in one pass (a value is never read as a template itself). A line
 * with an absent value is left out whole, its line break too: "Tell us how we did:
 * {{survey.link}}" disappears when there is no survey.
 */
export function renderTemplate(template: Template, values: TemplateValues): string {
  const lines: { text: string; dropped: boolean }[] = [{ text: '', dropped: false }];
  for (const segment of template) {
    if (segment.kind === 'placeholder') {
      const value = values[segment.name];
      const current = lines[lines.length - 1]!;
      if (value === null || value === undefined) current.dropped = true;
      else current.text += value;
      continue;
    }
    const [first, ...rest] = segment.text.split('\n');
    lines[lines.length - 1]!.text += first;
    for (const line of rest) lines.push({ text: line, dropped: false });
  }
  return lines
    .filter((line) => !line.dropped)
    .map((line) => line.text)
    .join('\n');
}
