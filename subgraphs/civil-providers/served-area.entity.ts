import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import type { CivilProvider } from './civil-provider.entity';

/** A district a provider serves: providers work in several districts, districts have many providers. */
@Entity({ tableName: 'served_area' })
@Index({ properties: ['districtCode'] }) // the primary key leads with the provider; this serves lookups by district
export class ServedArea {
  [PrimaryKeyProp]?: ['provider', 'districtCode'];

  @ManyToOne('CivilProvider', { ref: true, primary: true })
  provider!: Ref<CivilProvider>;

  @PrimaryKey({ length: 5 })
  districtCode!: string;
}
