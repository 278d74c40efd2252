import { Role, type Identity } from '../../lib/auth';
import { actsForEducationOffice, actsForInstitution, isCityAdmin } from '../../lib/subgraph/authorization';
import { profileMutation } from '../../lib/subgraph/profile-mutations';
import { spaceMutations } from '../../lib/subgraph/space-mutations';
import { School } from './school.entity';
import { SchoolSpace } from './school-space.entity';

const ROLES = [Role.CITY_ADMIN, Role.EDUCATION_OFFICE, Role.INSTITUTION];

/** The city and the education support office the school belongs to. */
function overseesSchool(identity: Identity, school: School): boolean {
  return isCityAdmin(identity) || actsForEducationOffice(identity, school.educationOffice.unwrap().code);
}

/** Those who oversee it, and the school itself. */
function managesSchool(identity: Identity, school: School): boolean {
  return overseesSchool(identity, school) || actsForInstitution(identity, 'School', school.id);
}

/** `updateSchoolProfile`: the school keeps its contact details; only its office or the city rename it. */
export const SchoolProfileMutation = profileMutation({
  entity: School,
  roles: ROLES,
  mayEdit: managesSchool,
  mayRename: overseesSchool,
});

/** `createSchoolSpace`, `updateSchoolSpace`, `removeSchoolSpace`. */
export const SchoolSpaceMutations = spaceMutations({
  owner: School,
  space: SchoolSpace,
  ownerProperty: 'school',
  roles: ROLES,
  mayManage: managesSchool,
});
