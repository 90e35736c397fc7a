import type { NoticeDocument } from '../api/catalog.ts';
import { NoticeBlock } from './NoticeBlock.tsx';

/** The notice as published in the Federal Register: its headings in capitals, each followed by its text. */
export function NoticeText({ notice }: { readonly notice: NoticeDocument }) {
  return (
    <article className="usa-prose caseline-notice-text" aria-labelledby="notice-text-heading">
      <h2 id="notice-text-heading">Federal Register notice</h2>
      {notice.sections.map((section) => (
        <section key={section.heading} aria-label={section.heading}>
          <h3 className="caseline-fr-heading">{section.heading}:</h3>
          {section.blocks.map((block, index) => (
            <NoticeBlock key={index} block={block} />
          ))}
        </section>
      ))}
    </article>
  );
}
