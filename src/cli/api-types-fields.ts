// Shorthands the api-types files describe Go structs with: a field, and the
// string, []string and map[string]string types most fields have.

import type { GoType, StructField } from './go-value';
import { T } from './go-value';

/** A struct field: its Go name, type, and json tag options. */
export const f = (name: string, type: GoType, extra: Partial<StructField> = {}): StructField => ({
  name,
  type,
  ...extra,
});
export const S = T.string;
export const strs = T.slice(T.string);
export const strMap = T.map(T.string);
/** `json:",omitempty"` */
export const omit = { omitempty: true };
