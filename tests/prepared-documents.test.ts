import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { PreparedDocuments } from '../src/server/prepared-documents.js';

describe('prepared documents', () => {
  it('keeps a query string checked with one set of rules, and drops it when other rules check it', () => {
    const prepared = new PreparedDocuments();
    const document = parse('{ __typename }');
    prepared.record('{ __typename }', document, schema, 'a,b');
    expect(prepared.get('{ __typename }')?.document).toBe(document);
    prepared.record('{ __typename }', document, schema, 'a,b');
    expect(prepared.get('{ __typename }')?.document).toBe(document);
    prepared.record('{ __typename }', document, schema, 'a');
    expect(prepared.get('{ __typename }')).toBeUndefined();
    // For good: the verdict depends on something else than the string.
    prepared.record('{ __typename }', document, schema, 'a,b');
    expect(prepared.get('{ __typename }')).toBeUndefined();
  });

  it('holds a bounded number of strings, the oldest going first', () => {
    const prepared = new PreparedDocuments();
    const document = parse('{ __typename }');
    for (let i = 0; i < 1500; i++) prepared.record(`{ __typename } # ${i}`, document, schema, '');
    expect(prepared.size).toBe(1000);
    expect(prepared.get('{ __typename } # 0')).toBeUndefined();
    expect(prepared.get('{ __typename } # 1499')).toBeDefined();
  });
});
