import { roleDescriptions, roleLabels, staffRoles } from '../api/roles.ts';
import type { BusinessArea } from '../api/admin.ts';
import { CheckboxGroup } from '../forms/CheckboxGroup.tsx';

interface Props {
  readonly roles: readonly string[];
  readonly onRoles: (roles: string[]) => void;
  readonly areas: readonly string[];
  readonly onAreas: (areas: string[]) => void;
  readonly allAreas: readonly BusinessArea[];
  readonly errors: Readonly<Record<string, string>>;
}

export const roleFieldId = 'user-roles';
export const areaFieldId = 'user-areas';

/** Roles (what a user may do) and business areas (whose records they may see). */
export function RoleAndAreaFields({ roles, onRoles, areas, onAreas, allAreas, errors }: Props) {
  return (
    <>
      <CheckboxGroup
        id={roleFieldId}
        legend="Roles"
        hint="A user may hold several roles; they get the union of their grants."
        options={staffRoles.map((role) => ({ value: role, label: roleLabels[role], description: roleDescriptions[role] }))}
        selected={roles}
        onChange={onRoles}
        error={errors.roles}
        tile
      />
      {allAreas.length > 0 ? (
        <CheckboxGroup
          id={areaFieldId}
          legend="Business areas"
          hint="Need-to-know scope: the areas whose records this user may see."
          options={allAreas.map((area) => ({ value: area.id, label: area.name, description: area.id }))}
          selected={areas}
          onChange={onAreas}
          error={errors.businessAreas}
        />
      ) : (
        <p className="usa-hint margin-top-3">There are no business areas yet. Create them under Business areas.</p>
      )}
    </>
  );
}
