/** RuleTest: rule unit tests in YAML beside the rules — given facts, expect a decision. */
import type { JsonSchema } from '../../language/schema-defs.js';

export const TESTABLE_KINDS = ['ApprovalMatrix', 'AllocationPolicy', 'ReplenishmentPolicy'] as const;
export type TestableKind = (typeof TESTABLE_KINDS)[number];

export const ruleTestSpecSchema: JsonSchema = {
  type: 'object',
  required: ['target', 'cases'],
  additionalProperties: false,
  properties: {
    target: {
      type: 'object',
      required: ['kind', 'name'],
      additionalProperties: false,
      properties: { kind: { enum: [...TESTABLE_KINDS] }, name: { $ref: '#/$defs/name' } },
    },
    date: { $ref: '#/$defs/date', description: 'Day the decisions are made on (delegations); default: the order date.' },
    defaults: { type: 'object', description: 'Facts every case starts from; a case\'s facts are merged over them.' },
    cases: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'expect'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          date: { $ref: '#/$defs/date' },
          facts: { type: 'object', description: 'ApprovalMatrix / ReplenishmentPolicy: the facts.' },
          stock: {
            type: 'array',
            description: 'AllocationPolicy: available stock.',
            items: {
              type: 'object',
              required: ['product', 'warehouse', 'available'],
              additionalProperties: false,
              properties: { product: { type: 'string' }, warehouse: { type: 'string' }, available: { type: 'number', minimum: 0 } },
            },
          },
          demand: { type: 'array', items: { type: 'object' }, description: 'AllocationPolicy: demand lines, each with order / customer / line facts (merged over defaults).' },
          expect: {
            description: 'The expected decision; only the fields given are compared. `none` expects no replenishment proposal.',
            oneOf: [{ type: 'object' }, { const: 'none' }],
          },
        },
      },
    },
  },
};
