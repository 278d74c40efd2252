import { registerEnumType } from 'type-graphql';
import type { InstitutionTypename, PartnerTypename } from '../../../lib/typenames';

/** Institution kinds for filters and inputs. */
export enum InstitutionType {
  LEARNING_CENTER = 'LEARNING_CENTER',
  SCHOOL = 'SCHOOL',
  LIBRARY = 'LIBRARY',
  CULTURAL_CENTER = 'CULTURAL_CENTER',
  CIVIL_PROVIDER = 'CIVIL_PROVIDER',
  /** The city's office of education or a district support office (a partner only, never a host); its id is the office code. */
  EDUCATION_OFFICE = 'EDUCATION_OFFICE',
}
registerEnumType(InstitutionType, { name: 'InstitutionType', description: 'A kind of institution of the network.' });

export const TYPENAME_OF: Record<InstitutionType, PartnerTypename> = {
  [InstitutionType.LEARNING_CENTER]: 'LearningCenter',
  [InstitutionType.SCHOOL]: 'School',
  [InstitutionType.LIBRARY]: 'Library',
  [InstitutionType.CULTURAL_CENTER]: 'CulturalCenter',
  [InstitutionType.CIVIL_PROVIDER]: 'CivilProvider',
  [InstitutionType.EDUCATION_OFFICE]: 'EducationOffice',
};

/** The host typename of a kind that can host programs; null for an office of education, which is a partner only. */
export function hostTypenameOf(type: InstitutionType): InstitutionTypename | null {
  const typename = TYPENAME_OF[type];
  return typename === 'EducationOffice' ? null : typename;
}
