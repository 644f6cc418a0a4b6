/**
 * A schema that documents itself: every type, field, argument, input field and enum value has a
 * description, so that GraphiQL and code generators show what each one means.
 */
import { type GraphQLNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { expect, it } from 'vitest';
import { schema } from '../schema/index.js';

/** Every element of a type that has no description, as `Type`, `Type.field`, `Type.field(arg)` or `Enum.VALUE`. */
function undescribed(type: GraphQLNamedType): string[] {
  const missing: string[] = [];
  if (!type.description) missing.push(type.name);
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (!field.description) missing.push(`${type.name}.${field.name}`);
      for (const arg of 'args' in field ? field.args : []) {
        if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
  }
  if (isEnumType(type)) {
    for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

it('every type, field, argument, input field and enum value of the schema says what it is', () => {
  const missing = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__'))
    .flatMap(undescribed);
  expect(missing, `undescribed schema elements:\n${missing.join('\n')}`).toEqual([]);
});
