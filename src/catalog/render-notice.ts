import { noticeSections } from './notice-sections.ts';
import type { Block, ListItem } from './notice-sections.ts';
import type { Notice } from './types.ts';

export type NoticeFormat = 'markdown' | 'text';

interface Style {
  heading(text: string): string;
  title(text: string): string;
  /** Text that begins a line. */
  lineStart(text: string): string;
  /** Text within a line. */
  inline(text: string): string;
}

// An underscore inside a word never starts emphasis, so file names stay readable.
const escapeInline = (text: string): string =>
  text.replace(/[\\`*[\]<>|]/g, '\\$&').replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');

const markdown: Style = {
  heading: (text) => `**${text}:**`,
  title: (text) => `*${escapeInline(text)}*`,
  // A paragraph opening with "1." or "-" would otherwise turn into a list.
  lineStart: (text) =>
    escapeInline(text)
      .replace(/^(\d+)([.)])/, '$1\\$2')
      .replace(/^([#>+-])/, '\\$1'),
  inline: escapeInline,
};

const text: Style = {
  heading: (heading) => `${heading}:`,
  title: (title) => title,
  lineStart: (line) => line,
  inline: (line) => line,
};

const styles: Record<NoticeFormat, Style> = { markdown, text };

function renderItem(item: ListItem, index: number, style: Style): string {
  const title = item.title === undefined ? '' : `${style.title(item.title)}: `;
  return `${index + 1}. ${title}${style.inline(item.text)}`;
}

function renderBlock(block: Block, style: Style): string {
  return block.kind === 'paragraph'
    ? style.lineStart(block.text)
    : block.items.map((item, index) => renderItem(item, index, style)).join('\n');
}

/**
 * The notice in the Federal Register's layout (seed 002): each heading in capitals, a
 * first paragraph run in after its heading, enumerations numbered.
 */
export function renderNotice(notice: Notice, format: NoticeFormat = 'markdown'): string {
  const style = styles[format];
  const sections = noticeSections(notice).map(({ heading, blocks }) => {
    const [first, ...rest] = blocks;
    if (first?.kind === 'paragraph') {
      const opening = `${style.heading(heading)} ${style.inline(first.text)}`;
      return [opening, ...rest.map((block) => renderBlock(block, style))].join('\n\n');
    }
    return [style.heading(heading), ...blocks.map((block) => renderBlock(block, style))].join('\n\n');
  });
  return `${sections.join('\n\n')}\n`;
}
