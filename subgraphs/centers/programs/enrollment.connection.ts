import { ConnectionType, type SortOrder } from '../../../lib/subgraph/relay';
import { Enrollment } from './enrollment.entity';

export const EnrollmentConnection = ConnectionType(Enrollment);
/** Newest first: what a resident looking at their sign-ups wants. */
export const ENROLLMENT_ORDER: SortOrder<Enrollment> = [
  { property: 'createdAt', direction: 'desc' },
  { property: 'id', direction: 'desc' },
];
