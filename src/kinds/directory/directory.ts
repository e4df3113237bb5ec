/** Directory: roles and their members (Odoo logins), escalation targets, and delegations. */
import type { JsonSchema } from '../../language/schema-defs.js';
import type { DocumentContext } from '../context.js';
import { isRealDate } from '../calendar/calendar.js';

export const directorySpecSchema: JsonSchema = {
  type: 'object',
  required: ['roles'],
  additionalProperties: false,
  properties: {
    roles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'members'],
        additionalProperties: false,
        properties: {
          name: { $ref: '#/$defs/name' },
          description: { type: 'string' },
          members: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Odoo user logins.' },
          escalatesTo: { $ref: '#/$defs/name', description: 'Role that requests escalate to from this one.' },
        },
      },
    },
    delegations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'to', 'start', 'end'],
        additionalProperties: false,
        properties: {
          from: { type: 'string', minLength: 1, description: 'Login of the person away.' },
          to: { type: 'string', minLength: 1, description: 'Login who decides in their place.' },
          start: { $ref: '#/$defs/date' },
          end: { $ref: '#/$defs/date', description: 'Last day of the delegation (inclusive).' },
          roles: { type: 'array', items: { $ref: '#/$defs/name' }, description: 'Only for these roles (default: all of theirs).' },
          reason: { type: 'string' },
        },
      },
    },
  },
};

export interface Role {
  name: string;
  members: string[];
  escalatesTo?: string;
  /** Where the role is declared, for reference checks. */
  source: { ctx: DocumentContext; index: number };
}

export interface Delegation {
  from: string;
  to: string;
  start: string;
  end: string;
  roles?: string[];
  reason?: string;
  source: { ctx: DocumentContext; index: number };
}

export interface DirectoryPart {
  roles: Role[];
  delegations: Delegation[];
}

interface DirectorySpec {
  roles: { name: string; members: string[]; escalatesTo?: string }[];
  delegations?: { from: string; to: string; start: string; end: string; roles?: string[]; reason?: string }[];
}

export function compileDirectory(spec: DirectorySpec, ctx: DocumentContext): DirectoryPart {
  const roles = spec.roles.map((r, index) => {
    if (r.members.length === 0) {
      ctx.report('directory/empty-role', 'error', `role "${r.name}" has no members`, ['spec', 'roles', index, 'members'], {
        hint: 'A request routed to it could never be approved; add at least one Odoo login.',
      });
    }
    const seen = new Set<string>();
    r.members.forEach((m, j) => {
      if (seen.has(m)) ctx.report('directory/duplicate-member', 'warning', `"${m}" is listed twice in role "${r.name}"`, ['spec', 'roles', index, 'members', j]);
      seen.add(m);
    });
    return { ...r, source: { ctx, index } };
  });
  const delegations = (spec.delegations ?? []).map((d, index) => {
    const path = ['spec', 'delegations', index];
    if (d.from === d.to) ctx.report('directory/self-delegation', 'error', `"${d.from}" delegates to themselves`, [...path, 'to']);
    for (const key of ['start', 'end'] as const) {
      if (!isRealDate(d[key])) ctx.report('directory/invalid-date', 'error', `"${d[key]}" is not a real date`, [...path, key]);
    }
    if (isRealDate(d.start) && isRealDate(d.end) && d.start > d.end) {
      ctx.report('directory/invalid-date-range', 'error', `delegation ends (${d.end}) before it starts (${d.start})`, [...path, 'end']);
    }
    return { ...d, source: { ctx, index } };
  });
  return { roles, delegations };
}

/** The merged view of all Directory documents. */
export class Directory {
  readonly roles = new Map<string, Role>();
  readonly delegations: Delegation[] = [];

  add(part: DirectoryPart): void {
    for (const r of part.roles) {
      const prior = this.roles.get(r.name);
      if (prior) {
        r.source.ctx.report('directory/duplicate-role', 'error', `role "${r.name}" is declared twice`, ['spec', 'roles', r.source.index, 'name'], {
          hint: `It is also declared in ${prior.source.ctx.doc.file} (${prior.source.ctx.kind}/${prior.source.ctx.name}).`,
        });
        continue;
      }
      this.roles.set(r.name, r);
    }
    this.delegations.push(...part.delegations);
  }

  /** Who acts for a login in a role on a date (YYYY-MM-DD): the delegate while a delegation runs. */
  actingFor(login: string, role: string, date: string): string {
    const d = this.delegations.find((x) => x.from === login && x.start <= date && date <= x.end && (!x.roles || x.roles.includes(role)));
    return d ? d.to : login;
  }

  /**
   * The people who may fill a role's slots on a date: members, each replaced by their delegate
   * while away, minus the requester (segregation of duties: nobody approves their own document).
   */
  eligible(role: string, date: string, requester?: string): string[] {
    const r = this.roles.get(role);
    if (!r) return [];
    const out: string[] = [];
    for (const m of r.members) {
      const who = this.actingFor(m, role, date);
      if (who !== requester && !out.includes(who)) out.push(who);
    }
    return out;
  }

  /** Known logins, for reference checks. */
  logins(): Set<string> {
    const s = new Set<string>();
    for (const r of this.roles.values()) r.members.forEach((m) => s.add(m));
    return s;
  }
}

export function checkDirectoryReferences(dir: Directory): void {
  for (const r of dir.roles.values()) {
    if (r.escalatesTo && !dir.roles.has(r.escalatesTo)) {
      r.source.ctx.report('ref/unknown-role', 'error', `role "${r.name}" escalates to unknown role "${r.escalatesTo}"`, ['spec', 'roles', r.source.index, 'escalatesTo'], {
        hint: `Known roles: ${[...dir.roles.keys()].join(', ') || 'none'}.`,
      });
    }
  }
  const logins = dir.logins();
  for (const d of dir.delegations) {
    if (!logins.has(d.from)) {
      d.source.ctx.report('ref/unknown-delegate', 'error', `"${d.from}" delegates but is not a member of any role`, ['spec', 'delegations', d.source.index, 'from']);
    }
    for (const [i, role] of (d.roles ?? []).entries()) {
      if (!dir.roles.has(role)) {
        d.source.ctx.report('ref/unknown-role', 'error', `delegation names unknown role "${role}"`, ['spec', 'delegations', d.source.index, 'roles', i]);
      } else if (!dir.roles.get(role)!.members.includes(d.from)) {
        d.source.ctx.report('directory/delegation-role', 'warning', `"${d.from}" is not a member of role "${role}"`, ['spec', 'delegations', d.source.index, 'roles', i]);
      }
    }
  }
}
