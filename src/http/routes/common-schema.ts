import { Type } from 'typebox';

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A business area's id, as src/access/staff/staff-admin.ts creates them. */
export const BusinessAreaId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
