import { Entity, ManyToOne, PrimaryKey, type Ref } from '@mikro-orm/core';
import type { EducationOffice } from './education-office.entity';

/** Which office serves a district: every gu is served by exactly one office. */
@Entity({ tableName: 'served_district' })
export class ServedDistrict {
  @PrimaryKey({ length: 5 })
  districtCode!: string;

  @ManyToOne('EducationOffice', { ref: true, index: true })
  educationOffice!: Ref<EducationOffice>;
}
