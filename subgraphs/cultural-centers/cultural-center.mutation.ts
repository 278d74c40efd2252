import { Role, type Identity } from '../../lib/auth';
import { actsForInstitution, isCityAdmin } from '../../lib/subgraph/authorization';
import { profileMutation } from '../../lib/subgraph/profile-mutations';
import { spaceMutations } from '../../lib/subgraph/space-mutations';
import { CulturalCenter } from './cultural-center.entity';
import { CulturalSpace } from './cultural-space.entity';

/* The center itself and the city; district officers are not included (see libraries/library.mutation.ts). */
const ROLES = [Role.CITY_ADMIN, Role.INSTITUTION];

function managesCulturalCenter(identity: Identity, center: CulturalCenter): boolean {
  return isCityAdmin(identity) || actsForInstitution(identity, 'CulturalCenter', center.id);
}

/** `updateCulturalCenterProfile`: the center keeps its contact details; its name changes only by the city. */
export const CulturalCenterProfileMutation = profileMutation({
  entity: CulturalCenter,
  roles: ROLES,
  mayEdit: managesCulturalCenter,
  mayRename: isCityAdmin,
});

/** `createCulturalSpace`, `updateCulturalSpace`, `removeCulturalSpace`. */
export const CulturalSpaceMutations = spaceMutations({
  owner: CulturalCenter,
  space: CulturalSpace,
  ownerProperty: 'culturalCenter',
  roles: ROLES,
  mayManage: managesCulturalCenter,
});
