import type { Block } from '../api/catalog.ts';

/** One block of a Federal Register section: a paragraph, or a list whose items may have a run-in title. */
export function NoticeBlock({ block }: { readonly block: Block }) {
  if (block.kind === 'paragraph') return <p>{block.text}</p>;
  return (
    <ul>
      {block.items.map((item, index) => (
        <li key={index}>
          {item.title && <strong>{item.title}: </strong>}
          {item.text}
        </li>
      ))}
    </ul>
  );
}
