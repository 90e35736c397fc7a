import { letterDate } from '../../letters/index.ts';
import type { Assessment } from './assessment.ts';
import type { PiaBlock, PiaQuestion } from './pia-sections.ts';

// Text from the catalog is prose, not Markdown: characters that would start emphasis,
// code, links or HTML are escaped. An underscore inside a word (a table name) stays as is.
const escapeInline = (text: string): string => text.replace(/[\\*[\]<>]/g, '\\$&').replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');

/** Escapes prose but keeps `code spans` the assessment writes itself (command names). */
function inline(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeInline(part)))
    .join('');
}

// A paragraph opening with "1." or "-" would otherwise turn into a list.
const lineStart = (text: string): string =>
  inline(text)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([#>+-])/, '\\$1');

const cell = (text: string): string =>
  inline(text)
    .replaceAll('|', '\\|')
    .replace(/\s*\n\s*/g, ' ');

function renderBlock(block: PiaBlock): string {
  switch (block.kind) {
    case 'heading':
      return `#### ${inline(block.text)}`;
    case 'paragraph':
      return lineStart(block.text);
    case 'list':
      return block.items.length === 0 ? '_None._' : block.items.map((item) => `- ${inline(item)}`).join('\n');
    case 'table':
      return [
        `| ${block.columns.map(cell).join(' | ')} |`,
        `| ${block.columns.map(() => '---').join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
      ].join('\n');
  }
}

function renderQuestion(question: PiaQuestion): string {
  const title = question.number === '' ? question.question : `${question.number}. ${question.question}`;
  return [`### ${inline(title)}`, ...question.answer.map(renderBlock)].join('\n\n');
}

/** The assessment as Markdown: one heading per part, one per question, notices as sub-headings. */
export function renderPiaMarkdown(assessment: Assessment): string {
  const front = [
    `# ${inline(assessment.title)}`,
    [
      `Prepared for: ${inline(assessment.preparedFor)}  `,
      `Generated: ${letterDate(assessment.generatedAt, assessment.configuration.timeZone)} (${assessment.generatedAt.toISOString()}), by \`caseline pia\` from the catalog and the running configuration.`,
    ].join('\n'),
    'FOR OFFICIAL USE ONLY',
  ];
  const parts = assessment.parts.map((part) => [`## ${inline(part.title)}`, ...part.questions.map(renderQuestion)].join('\n\n'));
  return `${[...front, ...parts].join('\n\n')}\n`;
}
