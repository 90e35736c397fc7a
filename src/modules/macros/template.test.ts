import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseTemplate,
  placeholderNames,
  placeholdersOf,
  printTemplate,
  renderTemplate,
  TemplateError,
  type Segment,
  type Template,
  type TemplateValues,
} from './template.ts';

/** Text a template may hold between placeholders: anything but braces (including line breaks and non-ASCII). */
const text = fc
  .array(fc.oneof(fc.constantFrom('\n', ' ', 'a', 'Z', '.', '$', 'é', '😀'), fc.string({ minLength: 1, maxLength: 3, unit: 'binary' })), {
    minLength: 1,
    maxLength: 10,
  })
  .map((parts) => parts.join('').replace(/[{}]/g, ''));
const name = fc.constantFrom(...placeholderNames);

/** Templates in normal form: texts never empty, never two in a row. */
const template: fc.Arbitrary<Template> = fc
  .array(
    fc.oneof(
      text.map((t): Segment => ({ kind: 'text', text: t })),
      name.map((n): Segment => ({ kind: 'placeholder', name: n })),
    ),
    { maxLength: 12 },
  )
  .map((segments) =>
    segments.reduce<Segment[]>((out, s) => {
      if (s.kind === 'text' && s.text === '') return out;
      const last = out[out.length - 1];
      if (s.kind === 'text' && last?.kind === 'text') return [...out.slice(0, -1), { kind: 'text', text: last.text + s.text }];
      return [...out, s];
    }, []),
  );
const braceFree = fc.string({ maxLength: 20 }).map((s) => s.replace(/[{}]/g, ''));
const values: fc.Arbitrary<TemplateValues> = fc.record(
  Object.fromEntries(placeholderNames.map((n) => [n, fc.option(braceFree, { nil: null })])) as Record<string, fc.Arbitrary<string | null>>,
);

const errorOf = (source: string): TemplateError => {
  try {
    parseTemplate(source);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('parsed');
};

describe('macro templates', () => {
  it('parse placeholders among text, inner spaces allowed, and print them back canonically', () => {
    const parsed = parseTemplate('Dear {{ customer.first_name }},\nyour case {{case.number}}.');
    expect(parsed).toEqual([
      { kind: 'text', text: 'Dear ' },
      { kind: 'placeholder', name: 'customer.first_name' },
      { kind: 'text', text: ',\nyour case ' },
      { kind: 'placeholder', name: 'case.number' },
      { kind: 'text', text: '.' },
    ]);
    expect(printTemplate(parsed)).toBe('Dear {{customer.first_name}},\nyour case {{case.number}}.');
    expect(placeholdersOf(parseTemplate('{{case.number}} {{agent.name}} {{case.number}}'))).toEqual(['case.number', 'agent.name']);
  });

  it('refuse unknown placeholders and unbalanced braces, saying where', () => {
    const unknown = errorOf('Hello\nDear {{customer.nmae}}');
    expect([unknown.offset, unknown.line, unknown.column]).toEqual([11, 2, 6]);
    expect(unknown.message).toMatch(/^line 2, column 6 \(offset 11\): unknown placeholder \{\{customer\.nmae\}\}/);
    expect(errorOf('Case {{case.number').reason).toBe("'{{' without its closing '}}'");
    expect(errorOf('Case {{case.number} }}').offset).toBe(5);
    expect(errorOf('Case case.number}}').offset).toBe(16);
    expect(errorOf('a { b').reason).toMatch(/lone '\{'/);
    expect(errorOf('{{}}').reason).toBe('an empty placeholder {{}}');
    expect(errorOf('{{a\n}}').offset).toBe(0);
  });

  it('fill values in one pass and leave out a line whose value is absent', () => {
    const t = parseTemplate('Dear {{customer.name}},\nTell us how we did: {{survey.link}}\nCase {{case.number}}');
    expect(renderTemplate(t, { 'customer.name': 'Ann', 'case.number': 'C-2026-000001', 'survey.link': null })).toBe(
      'Dear Ann,\nCase C-2026-000001',
    );
    expect(renderTemplate(t, { 'customer.name': '{{case.number}}', 'case.number': 'X', 'survey.link': 'https://s/1' })).toBe(
      'Dear {{case.number}},\nTell us how we did: https://s/1\nCase X',
    );
  });

  it('parse(print(t)) is t for every template', () => {
    fc.assert(
      fc.property(template, (t) => {
        expect(parseTemplate(printTemplate(t))).toEqual(t);
      }),
      { numRuns: 500 },
    );
  });

  it('rendering never leaves a placeholder behind, and keeps every line without an absent value', () => {
    fc.assert(
      fc.property(template, values, (t, v) => {
        const out = renderTemplate(t, v);
        expect(out).not.toContain('{{');
        expect(out).not.toContain('}}');
        const source = printTemplate(t);
        const expectedLines = source
          .split('\n')
          .filter((line) => !placeholderNames.some((n) => v[n] === null && line.includes(`{{${n}}}`)));
        expect(out.split('\n').length).toBe(expectedLines.length === 0 ? 1 : expectedLines.length);
      }),
      { numRuns: 500 },
    );
  });

  it('accept exactly the sources whose braces all form known placeholders', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom('{', '}', 'a', ' ', '.', 'case.number', 'x.y', '\n') }), (source) => {
        const valid =
          /^(?:[^{}]|\{\{[^{}\n]*\}\})*$/.test(source) &&
          [...source.matchAll(/\{\{([^{}\n]*)\}\}/g)].every((m) => (placeholderNames as readonly string[]).includes(m[1]!.trim()));
        if (valid) expect(printTemplate(parseTemplate(source)).replace(/\s+/g, '')).toBe(source.replace(/\s+/g, ''));
        else {
          const error = errorOf(source);
          expect(error.offset).toBeGreaterThanOrEqual(0);
          expect(error.offset).toBeLessThan(source.length);
          expect('{}').toContain(source[error.offset]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
