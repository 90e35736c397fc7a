import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { NotificationsContext, type Notice, type NoticeType, type Notifications } from './NotificationsContext.ts';

const maxNotices = 4;

/** App-wide messages (saved, errors, session): shown in the notifications region of every page. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const navigations = useRef(0);
  const nextId = useRef(1);
  const location = useLocation();
  const firstKey = useRef(location.key);

  useEffect(() => {
    if (location.key === firstKey.current) return;
    firstKey.current = location.key;
    const now = ++navigations.current;
    setNotices((current) => current.filter((notice) => notice.born >= now - 1));
  }, [location.key]);

  const notify = useCallback((type: NoticeType, text: string) => {
    const notice = { id: nextId.current++, type, text, born: navigations.current };
    setNotices((current) => [...current.filter((n) => n.text !== text), notice].slice(-maxNotices));
  }, []);
  const dismiss = useCallback((id: number) => setNotices((current) => current.filter((n) => n.id !== id)), []);
  const clear = useCallback(() => setNotices([]), []);

  const value = useMemo<Notifications>(() => ({ notices, notify, dismiss, clear }), [notices, notify, dismiss, clear]);
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}
