/** ReplenishmentPolicy: when and how much to reorder, per product scope and warehouse. */
import type { JsonSchema } from '../../language/schema-defs.js';
import type { DocumentContext } from '../context.js';
import type { CompiledCondition } from '../../compile/evaluate.js';

export const replenishmentSpecSchema: JsonSchema = {
  type: 'object',
  required: ['rules'],
  additionalProperties: false,
  properties: {
    warehouses: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Warehouse codes (default: all).' },
    action: { enum: ['rfq', 'alert'], default: 'rfq', description: 'rfq: draft RFQs grouped per vendor; alert: tell procurement only.' },
    expedite: { type: 'boolean', default: true, description: 'Flag an expedite when committed demand exceeds on-hand plus everything on its way.' },
    rules: {
      type: 'array',
      minItems: 1,
      description: 'The first rule whose `when` matches a product decides.',
      items: {
        type: 'object',
        required: ['id'],
        additionalProperties: false,
        properties: {
          id: { $ref: '#/$defs/name' },
          description: { type: 'string' },
          when: { $ref: '#/$defs/condition' },
          action: { enum: ['rfq', 'alert'] },
          minMax: {
            type: 'object',
            required: ['min', 'max'],
            additionalProperties: false,
            properties: {
              min: { type: 'number', minimum: 0 },
              max: { type: 'number', minimum: 0 },
              multiple: { type: 'number', exclusiveMinimum: 0, default: 1 },
            },
          },
          daysOfCover: {
            type: 'object',
            required: ['days'],
            additionalProperties: false,
            properties: {
              days: { type: 'number', exclusiveMinimum: 0, description: 'Cover to order up to, beyond the lead time.' },
              safetyDays: { type: 'number', minimum: 0, default: 0 },
              leadDays: { type: 'number', exclusiveMinimum: 0, description: 'Used when the vendor has no lead time.' },
              multiple: { type: 'number', exclusiveMinimum: 0, default: 1 },
            },
          },
        },
        oneOf: [{ required: ['minMax'] }, { required: ['daysOfCover'] }],
      },
    },
  },
};

export type ReplenishmentMethod =
  | { type: 'minMax'; min: number; max: number; multiple: number }
  | { type: 'daysOfCover'; days: number; safetyDays: number; leadDays?: number; multiple: number };

export interface ReplenishmentRule {
  id: string;
  index: number;
  when: CompiledCondition;
  action: 'rfq' | 'alert';
  method: ReplenishmentMethod;
}

export interface ReplenishmentPolicy {
  name: string;
  warehouses?: string[];
  expedite: boolean;
  rules: ReplenishmentRule[];
  ctx: DocumentContext;
}

interface RuleSpec {
  id: string;
  when?: unknown;
  action?: 'rfq' | 'alert';
  minMax?: { min: number; max: number; multiple?: number };
  daysOfCover?: { days: number; safetyDays?: number; leadDays?: number; multiple?: number };
}

interface ReplenishmentSpec {
  warehouses?: string[];
  action?: 'rfq' | 'alert';
  expedite?: boolean;
  rules: RuleSpec[];
}

export function compileReplenishment(spec: ReplenishmentSpec, ctx: DocumentContext): ReplenishmentPolicy {
  const ids = new Set<string>();
  let catchAll: string | null = null;
  const rules = spec.rules.map((r, index): ReplenishmentRule => {
    const path = ['spec', 'rules', index];
    if (ids.has(r.id)) ctx.report('replenishment/duplicate-rule-id', 'error', `rule id "${r.id}" is used twice`, [...path, 'id']);
    ids.add(r.id);
    if (catchAll) {
      ctx.report('replenishment/unreachable-rule', 'error', `rule "${r.id}" can never apply: rule "${catchAll}" above it has no \`when\` and takes every product`, path, {
        hint: 'Put the catch-all rule last.',
      });
    }
    if (r.when === undefined || r.when === null) catchAll ??= r.id;
    if (r.minMax && r.minMax.min > r.minMax.max) {
      ctx.report('replenishment/min-above-max', 'error', `min ${r.minMax.min} is above max ${r.minMax.max}`, [...path, 'minMax', 'min'], {
        hint: 'Reordering up to max would still leave stock below min; swap or fix the values.',
      });
    }
    const method: ReplenishmentMethod = r.minMax
      ? { type: 'minMax', min: r.minMax.min, max: r.minMax.max, multiple: r.minMax.multiple ?? 1 }
      : { type: 'daysOfCover', days: r.daysOfCover!.days, safetyDays: r.daysOfCover!.safetyDays ?? 0, ...(r.daysOfCover!.leadDays ? { leadDays: r.daysOfCover!.leadDays } : {}), multiple: r.daysOfCover!.multiple ?? 1 };
    return {
      id: r.id,
      index,
      when: ctx.condition(r.when, [...path, 'when'], 'replenishment', `rules/${r.id}`),
      action: r.action ?? spec.action ?? 'rfq',
      method,
    };
  });
  return { name: ctx.name, ...(spec.warehouses ? { warehouses: spec.warehouses } : {}), expedite: spec.expedite ?? true, rules, ctx };
}
