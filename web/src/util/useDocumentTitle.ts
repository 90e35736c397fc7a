import { useEffect } from 'react';

export const productName = 'Caseline';

/** "Page | Caseline". Titles reach the browser's history: never put personal data in one. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} | ${productName}`;
  }, [title]);
}
