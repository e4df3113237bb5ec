/**
 * The six rule kinds (and RuleTest), each with its schema and compiler. Adding a kind is
 * adding one entry here: loading, schema publication and validation follow from it.
 */
import { documentSchema, type JsonSchema } from '../language/schema-defs.js';
import { approvalDefs, approvalSpecSchema } from './approval/matrix.js';
import { directorySpecSchema } from './directory/directory.js';
import { escalationSpecSchema } from './escalation/escalation.js';
import { calendarSpecSchema } from './calendar/calendar.js';
import { allocationSpecSchema } from './allocation/policy.js';
import { replenishmentSpecSchema } from './replenishment/policy.js';
import { ruleTestSpecSchema } from './test/rule-test.js';

export const RULE_KINDS = ['ApprovalMatrix', 'Directory', 'EscalationPolicy', 'Calendar', 'AllocationPolicy', 'ReplenishmentPolicy'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export type DocumentKind = RuleKind | 'RuleTest';
export const DOCUMENT_KINDS: readonly DocumentKind[] = [...RULE_KINDS, 'RuleTest'];

interface KindInfo {
  file: string;
  title: string;
  spec: JsonSchema;
  defs?: Record<string, JsonSchema>;
}

export const KINDS: Record<DocumentKind, KindInfo> = {
  ApprovalMatrix: { file: 'approval-matrix.json', title: 'distrule ApprovalMatrix', spec: approvalSpecSchema, defs: approvalDefs },
  Directory: { file: 'directory.json', title: 'distrule Directory', spec: directorySpecSchema },
  EscalationPolicy: { file: 'escalation-policy.json', title: 'distrule EscalationPolicy', spec: escalationSpecSchema },
  Calendar: { file: 'calendar.json', title: 'distrule Calendar', spec: calendarSpecSchema },
  AllocationPolicy: { file: 'allocation-policy.json', title: 'distrule AllocationPolicy', spec: allocationSpecSchema },
  ReplenishmentPolicy: { file: 'replenishment-policy.json', title: 'distrule ReplenishmentPolicy', spec: replenishmentSpecSchema },
  RuleTest: { file: 'rule-test.json', title: 'distrule RuleTest', spec: ruleTestSpecSchema },
};

export function isDocumentKind(k: unknown): k is DocumentKind {
  return typeof k === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(k);
}

/** Every published schema: one per kind, one for distrule.yaml, and one that accepts any kind. */
export function buildSchemas(configSchema: JsonSchema): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const kind of DOCUMENT_KINDS) {
    const k = KINDS[kind];
    out[k.file] = documentSchema(kind, k.file, k.title, k.spec, k.defs);
  }
  out['config.json'] = configSchema;
  out['rule-file.json'] = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://distrule.dev/schemas/v1/rule-file.json',
    title: 'distrule rule document (any kind)',
    type: 'object',
    required: ['kind'],
    allOf: DOCUMENT_KINDS.map((kind) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: KINDS[kind].file },
    })),
    properties: { kind: { enum: [...DOCUMENT_KINDS] } },
  };
  return out;
}
