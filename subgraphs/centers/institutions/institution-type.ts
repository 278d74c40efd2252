import { registerEnumType } from 'type-graphql';
import type { InstitutionTypename } from '../../../lib/typenames';

/** Institution kinds for filters and inputs. */
export enum InstitutionType {
  LEARNING_CENTER = 'LEARNING_CENTER',
  SCHOOL = 'SCHOOL',
  LIBRARY = 'LIBRARY',
  CULTURAL_CENTER = 'CULTURAL_CENTER',
  CIVIL_PROVIDER = 'CIVIL_PROVIDER',
}
registerEnumType(InstitutionType, { name: 'InstitutionType', description: 'A kind of institution of the network.' });

export const TYPENAME_OF: Record<InstitutionType, InstitutionTypename> = {
  [InstitutionType.LEARNING_CENTER]: 'LearningCenter',
  [InstitutionType.SCHOOL]: 'School',
  [InstitutionType.LIBRARY]: 'Library',
  [InstitutionType.CULTURAL_CENTER]: 'CulturalCenter',
  [InstitutionType.CIVIL_PROVIDER]: 'CivilProvider',
};
