/**
 * Building blocks shared by every kind's JSON Schema. Each published schema in `schemas/`
 * is self-contained (these defs are copied into its `$defs`), so an editor can load one
 * file offline without resolving anything else.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

export const SCHEMA_BASE = 'https://distrule.dev/schemas/v1/';
export const API_VERSION = 'distrule/v1';

export const IDENT = '^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$';
export const FACT_PATH = '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$';
export const DURATION = '^(?=\\d)(\\d+d)?\\s*(\\d+h)?\\s*(\\d+m)?$';
export const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

const scalar = { type: ['string', 'number', 'boolean'] };
const scalarList = { type: 'array', items: scalar, minItems: 1 };

export const COMMON_DEFS: Record<string, JsonSchema> = {
  name: {
    type: 'string',
    pattern: IDENT,
    maxLength: 100,
    description: 'Lower-case name: letters, digits, ".", "_" and "-" (e.g. sales-orders).',
  },
  metadata: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { $ref: '#/$defs/name' },
      owner: { type: 'string', description: 'Team or person accountable for this document.' },
      description: { type: 'string' },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  duration: {
    type: 'string',
    pattern: DURATION,
    description: 'Business time: days (d = 8 business hours), hours and minutes, e.g. "4h", "1d", "1h30m".',
    examples: ['30m', '4h', '1d', '2d4h'],
  },
  date: { type: 'string', pattern: DATE, description: 'A calendar date, YYYY-MM-DD.' },
  condition: {
    description:
      'A condition: fact paths mapped to a value (equality), a list (in) or operators ({ gte: 100 }); `all`, `any` and `not` combine. Several entries, or a list, mean all.',
    type: ['object', 'array', 'null'],
    items: { $ref: '#/$defs/condition' },
    properties: {
      all: { type: 'array', items: { $ref: '#/$defs/condition' } },
      any: { type: 'array', items: { $ref: '#/$defs/condition' } },
      not: { $ref: '#/$defs/condition' },
    },
    patternProperties: { [FACT_PATH]: { $ref: '#/$defs/leaf' } },
    additionalProperties: false,
  },
  leaf: {
    anyOf: [
      scalar,
      scalarList,
      {
        type: 'object',
        minProperties: 1,
        additionalProperties: false,
        properties: {
          eq: scalar,
          ne: scalar,
          gt: { type: ['number', 'string'] },
          gte: { type: ['number', 'string'] },
          lt: { type: ['number', 'string'] },
          lte: { type: ['number', 'string'] },
          between: { type: 'array', items: { type: ['number', 'string'] }, minItems: 2, maxItems: 2 },
          in: scalarList,
          notIn: scalarList,
          contains: scalar,
          notContains: scalar,
          containsAny: scalarList,
          exists: { type: 'boolean' },
          matches: { type: 'string', format: 'regex' },
        },
      },
    ],
  },
};

/** The envelope every document shares; `spec` is the kind's own schema. */
export function documentSchema(kind: string, file: string, title: string, spec: JsonSchema, defs: Record<string, JsonSchema> = {}): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE}${file}`,
    title,
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
    properties: {
      apiVersion: { const: API_VERSION },
      kind: { const: kind },
      metadata: { $ref: '#/$defs/metadata' },
      spec,
    },
    $defs: { ...COMMON_DEFS, ...defs },
  };
}
