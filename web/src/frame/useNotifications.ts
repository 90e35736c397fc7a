import { useContext } from 'react';
import { NotificationsContext, type Notifications } from './NotificationsContext.ts';

export function useNotifications(): Notifications {
  const notifications = useContext(NotificationsContext);
  if (!notifications) throw new Error('useNotifications must be used inside <NotificationsProvider>');
  return notifications;
}
