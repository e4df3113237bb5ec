/**
 * The one place where the snapshot source turns an Odoo domain into a record predicate.
 *
 * It delegates to the shared evaluator in src/odoo/domain.ts, so a domain selects the same
 * records from a snapshot as from live Odoo. The source supplies two things that evaluator
 * needs: a schema (the declared models, widened by whatever extra fields the snapshot's
 * manifest lists) and a resolver for dotted paths / `any` / `child_of` over loaded models.
 */
import type { OdooDomain, OdooRecord } from '../facts/source.js';
import { compileDomain, domainFieldNames, type DomainSchema, type RecordResolver } from '../odoo/domain.js';
import { MODELS, type OdooFieldSpec } from './models.js';

export type RecordPredicate = (record: OdooRecord) => boolean;

const UNTYPED: OdooFieldSpec = { type: 'char' };

/** Declared field specs first; a field the snapshot holds but the declarations lack compares as text. */
export function snapshotSchema(manifestFields: (model: string) => readonly string[] | undefined): DomainSchema {
  return {
    field(model, field) {
      if (field === 'id') return { type: 'integer' };
      const declared = MODELS[model]?.fields;
      if (declared && Object.hasOwn(declared, field)) return declared[field];
      if (field === 'display_name') return UNTYPED;
      return manifestFields(model)?.includes(field) ? UNTYPED : undefined;
    },
  };
}

export function compileSnapshotDomain(
  domain: OdooDomain,
  model: string,
  schema: DomainSchema,
  resolver: RecordResolver,
): RecordPredicate {
  return compileDomain(domain, { model, schema, resolver });
}

/** Top-level field names of a domain (Odoo's `active_test` skips the filter when `active` is one). */
export function mentionsField(domain: OdooDomain, field: string): boolean {
  return domainFieldNames(domain).includes(field);
}

/**
 * The models a domain reaches through dotted paths, `any`/`not any` and `child_of`/`parent_of`,
 * so the source can load them before evaluating (the resolver is synchronous).
 */
export function modelsReachedBy(domain: OdooDomain, model: string, schema: DomainSchema): Set<string> {
  const reached = new Set<string>();
  const visit = (terms: OdooDomain, current: string): void => {
    for (const term of terms) {
      if (!Array.isArray(term) || term.length !== 3 || typeof term[0] !== 'string') continue;
      const [path, op, value] = term as [string, unknown, unknown];
      let on = current;
      const segments = path.split('.');
      for (let i = 0; i < segments.length; i++) {
        const spec = schema.field(on, segments[i]!);
        const last = i === segments.length - 1;
        if (!spec?.relation) {
          if (last && (op === 'child_of' || op === 'parent_of') && segments[i] === 'id') reached.add(on);
          break;
        }
        // A many2one compared with a name uses the `[id, name]` pair it holds; an x2many needs the records.
        const byName = typeof value === 'string' || (Array.isArray(value) && value.some((v) => typeof v === 'string'));
        if (!last || op === 'child_of' || op === 'parent_of' || op === 'any' || op === 'not any' || (byName && spec.type !== 'many2one')) {
          reached.add(spec.relation);
        }
        if (last && (op === 'any' || op === 'not any') && Array.isArray(value)) visit(value, spec.relation);
        on = spec.relation;
      }
    }
  };
  visit(domain, model);
  return reached;
}
