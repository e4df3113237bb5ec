/**
 * EscalationPolicy: what happens to a request nobody acts on, in business time of a Calendar.
 * A day is 8 business hours, so every step has one comparable measure (business minutes).
 */
import type { JsonSchema } from '../../language/schema-defs.js';
import type { DocumentContext } from '../context.js';

export const ESCALATION_ACTIONS = ['remind', 'escalate', 'notify', 'expire'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];
export const BUSINESS_DAY_MINUTES = 8 * 60;

export const escalationSpecSchema: JsonSchema = {
  type: 'object',
  required: ['calendar', 'steps'],
  additionalProperties: false,
  properties: {
    calendar: { $ref: '#/$defs/name', description: 'Calendar whose working hours measure the waits.' },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['after', 'action'],
        additionalProperties: false,
        properties: {
          after: { $ref: '#/$defs/duration', description: 'Business time since the request was made.' },
          action: { enum: [...ESCALATION_ACTIONS] },
          to: { $ref: '#/$defs/name', description: 'escalate: role to escalate to (default: the role\'s escalatesTo in the Directory).' },
          webhook: { type: 'string', format: 'uri', description: 'notify: URL to post to (signed with HMAC by serve).' },
          outcome: { enum: ['reject', 'approve', 'cancel'], description: 'expire: what the request becomes.' },
          message: { type: 'string' },
        },
        allOf: [
          { if: { properties: { action: { const: 'notify' } } }, then: { required: ['webhook'] } },
          { if: { properties: { action: { const: 'expire' } } }, then: { required: ['outcome'] } },
        ],
      },
    },
  },
};

export interface EscalationStep {
  afterMinutes: number;
  after: string;
  action: EscalationAction;
  to?: string;
  webhook?: string;
  outcome?: 'reject' | 'approve' | 'cancel';
  message?: string;
}

export interface EscalationPolicy {
  name: string;
  calendar: string;
  steps: EscalationStep[];
  ctx: DocumentContext;
}

/** "1d4h30m" → business minutes (d = 8 business hours); null when malformed or zero. */
export function parseDuration(s: string): number | null {
  const m = /^(?=\d)(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?$/.exec(s.trim());
  if (!m) return null;
  const minutes = +(m[1] ?? 0) * BUSINESS_DAY_MINUTES + +(m[2] ?? 0) * 60 + +(m[3] ?? 0);
  return minutes > 0 ? minutes : null;
}

interface EscalationSpec {
  calendar: string;
  steps: Omit<EscalationStep, 'afterMinutes'>[];
}

export function compileEscalation(spec: EscalationSpec, ctx: DocumentContext): EscalationPolicy {
  const steps: EscalationStep[] = [];
  spec.steps.forEach((s, i) => {
    const path = ['spec', 'steps', i];
    const minutes = parseDuration(s.after);
    if (minutes === null) {
      ctx.report('escalation/invalid-duration', 'error', `"${s.after}" is not a positive business duration`, [...path, 'after'], {
        hint: 'Write e.g. 30m, 4h, 1d (8 business hours) or 1d4h.',
      });
      return;
    }
    const prev = steps[steps.length - 1];
    if (prev && minutes <= prev.afterMinutes) {
      ctx.report('escalation/steps-out-of-order', 'error', `step after ${s.after} does not come later than the step before it (${prev.after})`, [...path, 'after'], {
        hint: 'Order steps by increasing wait; each must come strictly after the previous one.',
      });
    }
    if (prev?.action === 'expire') {
      ctx.report('escalation/after-expire', 'error', 'this step can never run: the request already expired at the step before', path);
    }
    steps.push({ ...s, afterMinutes: minutes });
  });
  if (!steps.some((s) => s.action === 'escalate' || s.action === 'expire')) {
    ctx.report('escalation/silent-wait', 'warning', 'no step escalates or expires: an unanswered request would wait forever', ['spec', 'steps'], {
      hint: 'End the policy with an `escalate` or `expire` step.',
    });
  }
  return { name: ctx.name, calendar: spec.calendar, steps, ctx };
}
