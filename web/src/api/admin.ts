import { api } from './client.ts';
import type { StaffRole } from './roles.ts';

/** Shapes of src/http/routes/admin.ts (users and business areas). */
export interface StaffUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly StaffRole[];
  readonly businessAreas: readonly string[];
  readonly totpEnabled: boolean;
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

export interface NewStaffUser {
  readonly username: string;
  readonly displayName: string;
  /** One-time: the user must change it at first sign-in. */
  readonly password: string;
  readonly roles: readonly StaffRole[];
  readonly businessAreas: readonly string[];
}

export interface StaffUserChange {
  readonly roles?: readonly StaffRole[];
  readonly businessAreas?: readonly string[];
  readonly displayName?: string;
  readonly disabled?: boolean;
}

export interface BusinessArea {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

/** Lower-case letters, digits, dot, dash, underscore (src/access/staff/staff-user.ts). */
export const usernamePattern = /^[a-z][a-z0-9._-]{1,62}$/;
export const areaIdPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const listUsers = () => api.get<StaffUser[]>('/api/admin/users');
export const createUser = (user: NewStaffUser) => api.post<StaffUser>('/api/admin/users', user);
export const updateUser = (id: string, change: StaffUserChange) =>
  api.patch<StaffUser>(`/api/admin/users/${encodeURIComponent(id)}`, change);
export const resetUserMfa = (id: string) => api.post<StaffUser>(`/api/admin/users/${encodeURIComponent(id)}/mfa-reset`, {});

export const listBusinessAreas = () => api.get<BusinessArea[]>('/api/admin/business-areas');
export const saveBusinessArea = (area: BusinessArea) =>
  api.put<BusinessArea>(`/api/admin/business-areas/${encodeURIComponent(area.id)}`, { name: area.name, description: area.description });
