import { readFileSync } from 'node:fs';
import { isInputObjectType, isEnumType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { printSchemaFile } from '../src/schema/print.js';

describe('the schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    expect(printSchemaFile()).toBe(committed);
  });

  it('describes every type, field, argument and enum value, as GraphiQL shows them', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing.filter((m) => !['Boolean', 'String', 'Int', 'Float', 'ID'].includes(m))).toEqual([]);
  });

  it('keeps the contract names', () => {
    const sdl = printSchemaFile();
    for (const name of ['type Event implements Node', 'type Talk implements Node', 'type Speaker implements Node', 'type Resource implements Node', 'type Project implements Node', 'enum ResourceKind', 'enum EventFormat']) {
      expect(sdl).toContain(name);
    }
  });
});
