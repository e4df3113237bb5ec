/** AllocationPolicy: when stock is short, who gets it, in which order, and how much. */
import type { JsonSchema } from '../../language/schema-defs.js';
import type { DocumentContext } from '../context.js';
import type { CompiledCondition } from '../../compile/evaluate.js';
import { lookupFact } from '../../facts/model.js';

export const allocationSpecSchema: JsonSchema = {
  type: 'object',
  required: ['priority'],
  additionalProperties: false,
  properties: {
    warehouses: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Warehouse codes this policy governs (default: all).' },
    priority: {
      type: 'array',
      minItems: 1,
      description: 'Ordered keys: the first decides, later ones break ties.',
      items: {
        type: 'object',
        required: ['key'],
        additionalProperties: false,
        properties: {
          key: { type: 'string', description: 'Fact path, e.g. customer.tier or order.commitment_date.' },
          order: { enum: ['asc', 'desc'], description: 'asc: smallest / earliest first.' },
          rank: { type: 'array', minItems: 1, items: { type: ['string', 'number', 'boolean'] }, description: 'Values in priority order; values not listed come after them.' },
          missing: { enum: ['first', 'last'], default: 'last', description: 'Where lines without a value for the key go.' },
        },
        oneOf: [{ required: ['order'] }, { required: ['rank'] }],
      },
    },
    tieBreak: { type: 'string', default: 'order.name', description: 'Deterministic last key (ascending); line.id always follows it.' },
    partialFill: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minFillPct: { type: 'number', minimum: 0, maximum: 100, description: 'Below this share of the line, allocate nothing (keep the stock for others).' },
        fillOrKill: { $ref: '#/$defs/condition', description: 'Lines matching this are filled completely or not at all.' },
        respectShipComplete: { type: 'boolean', default: true, description: 'Orders that ship complete (order.ship_complete) get all their lines or none.' },
      },
    },
    caps: {
      type: 'object',
      additionalProperties: false,
      properties: {
        perCustomerPct: { type: 'number', exclusiveMinimum: 0, maximum: 100, description: 'While others wait, no customer gets more than this share of a product\'s available stock in one allocation; what nobody else can take goes back to them.' },
      },
    },
  },
};

export interface PriorityKey {
  key: string;
  order?: 'asc' | 'desc';
  rank?: (string | number | boolean)[];
  missing: 'first' | 'last';
}

export interface AllocationPolicy {
  name: string;
  warehouses?: string[];
  priority: PriorityKey[];
  tieBreak: string;
  minFillPct: number;
  fillOrKill?: CompiledCondition;
  respectShipComplete: boolean;
  perCustomerPct?: number;
  ctx: DocumentContext;
}

interface AllocationSpec {
  warehouses?: string[];
  priority: { key: string; order?: 'asc' | 'desc'; rank?: (string | number | boolean)[]; missing?: 'first' | 'last' }[];
  tieBreak?: string;
  partialFill?: { minFillPct?: number; fillOrKill?: unknown; respectShipComplete?: boolean };
  caps?: { perCustomerPct?: number };
}

export function compileAllocation(spec: AllocationSpec, ctx: DocumentContext): AllocationPolicy {
  const seen = new Map<string, number>();
  const checkKey = (key: string, path: (string | number)[]): void => {
    const f = lookupFact('allocation', key);
    if (f.kind === 'unknown') {
      ctx.report('fact/unknown', 'error', `unknown fact \`${key}\` for allocation keys`, path, {
        hint: f.suggestions.length ? `Did you mean ${f.suggestions.map((s) => `\`${s}\``).join(' or ')}?` : 'Keys are order.*, customer.* and line.* facts.',
      });
    } else if (f.kind === 'known' && f.def.type === 'string[]') {
      ctx.report('allocation/unsortable-key', 'error', `\`${key}\` is a list and cannot order lines`, path);
    }
  };
  spec.priority.forEach((k, i) => {
    const path = ['spec', 'priority', i];
    checkKey(k.key, [...path, 'key']);
    const prior = seen.get(k.key);
    if (prior !== undefined) {
      const p = spec.priority[prior]!;
      const same = p.order === k.order && JSON.stringify(p.rank) === JSON.stringify(k.rank);
      if (same) {
        ctx.report('allocation/redundant-key', 'warning', `\`${k.key}\` is already key ${prior + 1}; repeating it changes nothing`, [...path, 'key']);
      } else {
        ctx.report('allocation/contradicting-keys', 'error', `\`${k.key}\` is ordered differently by key ${prior + 1} and key ${i + 1}; only key ${prior + 1} can ever apply`, [...path, 'key'], {
          hint: 'Keep one ordering per key.',
        });
      }
    }
    seen.set(k.key, seen.get(k.key) ?? i);
    if (k.rank) {
      const dup = k.rank.find((v, j) => k.rank!.indexOf(v) !== j);
      if (dup !== undefined) ctx.report('allocation/contradicting-rank', 'error', `rank lists ${JSON.stringify(dup)} twice`, [...path, 'rank']);
    }
  });
  const tieBreak = spec.tieBreak ?? 'order.name';
  checkKey(tieBreak, ['spec', 'tieBreak']);
  const pf = spec.partialFill ?? {};
  return {
    name: ctx.name,
    ...(spec.warehouses ? { warehouses: spec.warehouses } : {}),
    priority: spec.priority.map((k) => ({ key: k.key, ...(k.order ? { order: k.order } : {}), ...(k.rank ? { rank: k.rank } : {}), missing: k.missing ?? 'last' })),
    tieBreak,
    minFillPct: pf.minFillPct ?? 0,
    ...(pf.fillOrKill !== undefined ? { fillOrKill: ctx.condition(pf.fillOrKill, ['spec', 'partialFill', 'fillOrKill'], 'allocation', 'fillOrKill') } : {}),
    respectShipComplete: pf.respectShipComplete ?? true,
    ...(spec.caps?.perCustomerPct !== undefined ? { perCustomerPct: spec.caps.perCustomerPct } : {}),
    ctx,
  };
}
