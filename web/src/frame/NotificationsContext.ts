import { createContext } from 'react';

export type NoticeType = 'success' | 'info' | 'warning' | 'error';

export interface Notice {
  readonly id: number;
  readonly type: NoticeType;
  readonly text: string;
  /** The navigation count when it was raised: it stays for the next page, then goes. */
  readonly born: number;
}

export interface Notifications {
  readonly notices: readonly Notice[];
  readonly notify: (type: NoticeType, text: string) => void;
  readonly dismiss: (id: number) => void;
  readonly clear: () => void;
}

export const NotificationsContext = createContext<Notifications | null>(null);
