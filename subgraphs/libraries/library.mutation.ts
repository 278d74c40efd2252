import { Role, type Identity } from '../../lib/auth';
import { actsForInstitution, isCityAdmin } from '../../lib/subgraph/authorization';
import { profileMutation } from '../../lib/subgraph/profile-mutations';
import { spaceMutations } from '../../lib/subgraph/space-mutations';
import { Library } from './library.entity';
import { LibrarySpace } from './library-space.entity';

/*
 * The library itself and the city. District officers are deliberately not
 * included: the issue gives them centers, experts and partnerships, and a
 * library's rooms and contact details are the library's own to publish
 * (CITY_ADMIN remains the fallback when a library cannot act).
 */
const ROLES = [Role.CITY_ADMIN, Role.INSTITUTION];

function managesLibrary(identity: Identity, library: Library): boolean {
  return isCityAdmin(identity) || actsForInstitution(identity, 'Library', library.id);
}

/** `updateLibraryProfile`: the library keeps its contact details; its name changes only by the city. */
export const LibraryProfileMutation = profileMutation({
  entity: Library,
  roles: ROLES,
  mayEdit: managesLibrary,
  mayRename: isCityAdmin,
});

/** `createLibrarySpace`, `updateLibrarySpace`, `removeLibrarySpace`. */
export const LibrarySpaceMutations = spaceMutations({
  owner: Library,
  space: LibrarySpace,
  ownerProperty: 'library',
  roles: ROLES,
  mayManage: managesLibrary,
});
