/** ApprovalMatrix: who must approve which documents, as a decision table with a hit policy. */
import type { JsonSchema } from '../../language/schema-defs.js';
import type { DocumentContext } from '../context.js';
import type { CompiledCondition } from '../../compile/evaluate.js';
import { subjectForModel, type Subject } from '../../facts/model.js';

export const HIT_POLICIES = ['first', 'unique', 'collect'] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];
export const DEFAULT_TRACK = 'operational';

export const approvalSpecSchema: JsonSchema = {
  type: 'object',
  required: ['model', 'hitPolicy', 'rows'],
  additionalProperties: false,
  properties: {
    model: {
      type: 'string',
      pattern: '^[a-z_]+(\\.[a-z_]+)+$',
      description: 'Odoo model governed: sale.order and purchase.order have rich facts; any other model is ruled by its raw fields under `record.`.',
      examples: ['sale.order', 'purchase.order', 'account.move'],
    },
    hitPolicy: {
      enum: [...HIT_POLICIES],
      description: 'first: the first matching row decides (order matters). unique: at most one row may match (overlaps are errors). collect: every matching row adds its steps.',
    },
    escalation: { $ref: '#/$defs/name', description: 'Default EscalationPolicy for every step.' },
    requester: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$', description: 'Fact naming the requester, who may never approve their own document (default: order.salesperson / order.buyer / record.create_uid).' },
    rows: { type: 'array', minItems: 1, items: { $ref: '#/$defs/row' } },
  },
};

export const approvalDefs: Record<string, JsonSchema> = {
  row: {
    type: 'object',
    required: ['id'],
    additionalProperties: false,
    properties: {
      id: { $ref: '#/$defs/name' },
      description: { type: 'string' },
      when: { $ref: '#/$defs/condition', description: 'When the row applies; absent means always.' },
      require: { type: 'array', minItems: 1, items: { $ref: '#/$defs/step' }, description: 'Approval steps: within a track in sequence, tracks in parallel.' },
      deny: { type: 'string', minLength: 1, description: 'A hard block, with the reason shown to the requester.' },
      allow: { const: true, description: 'No approval needed.' },
      holds: { type: 'array', items: { $ref: '#/$defs/hold' } },
      escalation: { $ref: '#/$defs/name', description: 'EscalationPolicy for this row\'s steps.' },
    },
    oneOf: [{ required: ['require'] }, { required: ['deny'] }, { required: ['allow'] }],
  },
  step: {
    type: 'object',
    required: ['role'],
    additionalProperties: false,
    properties: {
      role: { $ref: '#/$defs/name' },
      count: { type: 'integer', minimum: 1, maximum: 10, default: 1, description: 'Distinct people needed (2 = dual approval).' },
      track: { $ref: '#/$defs/name', default: DEFAULT_TRACK, description: 'e.g. operational, financial: tracks run in parallel.' },
      escalation: { $ref: '#/$defs/name' },
    },
  },
  hold: {
    type: 'object',
    required: ['step', 'reason'],
    additionalProperties: false,
    properties: {
      step: { enum: ['confirmation', 'delivery', 'invoicing', 'payment'], description: 'Downstream step held back.' },
      reason: { type: 'string', minLength: 1 },
      until: { $ref: '#/$defs/condition', description: 'The hold lifts once this holds.' },
    },
  },
};

export interface ApprovalStep {
  role: string;
  count: number;
  track: string;
  escalation?: string;
}

export type RowOutcome = { type: 'require'; steps: ApprovalStep[] } | { type: 'deny'; reason: string } | { type: 'allow' };

export interface Hold {
  step: string;
  reason: string;
  until?: CompiledCondition;
}

export interface ApprovalRow {
  id: string;
  index: number;
  description?: string;
  when: CompiledCondition;
  outcome: RowOutcome;
  holds: Hold[];
}

export interface ApprovalMatrix {
  name: string;
  model: string;
  subject: Subject;
  hitPolicy: HitPolicy;
  requesterFact: string;
  escalation?: string;
  rows: ApprovalRow[];
  ctx: DocumentContext;
}

interface RowSpec {
  id: string;
  description?: string;
  when?: unknown;
  require?: { role: string; count?: number; track?: string; escalation?: string }[];
  deny?: string;
  allow?: true;
  holds?: { step: string; reason: string; until?: unknown }[];
  escalation?: string;
}

interface ApprovalSpec {
  model: string;
  hitPolicy: HitPolicy;
  escalation?: string;
  requester?: string;
  rows: RowSpec[];
}

const DEFAULT_REQUESTER: Record<string, string> = { 'sale.order': 'order.salesperson', 'purchase.order': 'order.buyer' };

export function compileApprovalMatrix(spec: ApprovalSpec, ctx: DocumentContext): ApprovalMatrix {
  const subject = subjectForModel(spec.model);
  const seen = new Map<string, number>();
  const rows = spec.rows.map((r, index): ApprovalRow => {
    const path = ['spec', 'rows', index];
    if (seen.has(r.id)) {
      ctx.report('approval/duplicate-row-id', 'error', `row id "${r.id}" is used twice (first at row ${seen.get(r.id)! + 1})`, [...path, 'id']);
    }
    seen.set(r.id, index);
    const when = ctx.condition(r.when, [...path, 'when'], subject, `rows/${r.id}`);
    const outcome: RowOutcome = r.require
      ? {
          type: 'require',
          steps: r.require.map((s) => ({
            role: s.role,
            count: s.count ?? 1,
            track: s.track ?? DEFAULT_TRACK,
            ...((s.escalation ?? r.escalation ?? spec.escalation) ? { escalation: s.escalation ?? r.escalation ?? spec.escalation } : {}),
          })),
        }
      : r.deny !== undefined
        ? { type: 'deny', reason: r.deny }
        : { type: 'allow' };
    if (outcome.type === 'require') {
      const slots = new Map<string, number>();
      outcome.steps.forEach((s, i) => {
        const key = `${s.track}/${s.role}`;
        if (slots.has(key)) {
          ctx.report('approval/duplicate-step', 'warning', `role "${s.role}" appears twice on track "${s.track}"`, [...path, 'require', i, 'role'], {
            hint: 'Use `count: 2` for dual approval by two distinct people.',
          });
        }
        slots.set(key, i);
      });
    }
    const holds = (r.holds ?? []).map((h, i) => ({
      step: h.step,
      reason: h.reason,
      ...(h.until !== undefined ? { until: ctx.condition(h.until, [...path, 'holds', i, 'until'], subject, `rows/${r.id}/holds/${i}`) } : {}),
    }));
    return { id: r.id, index, ...(r.description ? { description: r.description } : {}), when, outcome, holds };
  });
  const requesterFact = spec.requester ?? DEFAULT_REQUESTER[spec.model] ?? 'record.create_uid';
  return {
    name: ctx.name,
    model: spec.model,
    subject,
    hitPolicy: spec.hitPolicy,
    requesterFact,
    ...(spec.escalation ? { escalation: spec.escalation } : {}),
    rows,
    ctx,
  };
}
