import { useContext } from 'react';
import { AuthContext, type AuthState } from './AuthContext.ts';

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}
