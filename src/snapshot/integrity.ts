/**
 * Referential integrity of a snapshot: every many2one, one2many and many2many value, and every
 * `res_model`/`res_id` (`model`/`res_id`) pair, points at a record the snapshot holds; and every
 * record carries exactly the fields its manifest entry lists.
 *
 * Two streaming passes (ids first, then references), so it runs on a million-order snapshot;
 * memory is one set of ids per model.
 */
import { MODELS } from './models.js';
import type { SnapshotReader } from './reader.js';

export interface IntegrityProblem {
  model: string;
  id: number;
  field: string;
  message: string;
}

export interface IntegrityReport {
  /** Records checked per model. */
  checked: Record<string, number>;
  /** Total problems found (only the first `maxProblems` are listed). */
  problemCount: number;
  problems: IntegrityProblem[];
  /** Relations to models the snapshot does not hold (not checked). */
  unchecked: string[];
}

const GENERIC_REFS: ReadonlyArray<{ model: string; modelField: string; idField: string }> = [
  { model: 'mail.activity', modelField: 'res_model', idField: 'res_id' },
  { model: 'mail.message', modelField: 'model', idField: 'res_id' },
];

export async function checkIntegrity(reader: SnapshotReader, maxProblems = 50): Promise<IntegrityReport> {
  const ids = new Map<string, Set<number>>();
  for (const model of reader.models()) {
    const set = new Set<number>();
    for await (const r of reader.records(model)) set.add(r.id);
    ids.set(model, set);
  }
  const report: IntegrityReport = { checked: {}, problemCount: 0, problems: [], unchecked: [] };
  const unchecked = new Set<string>();
  const problem = (p: IntegrityProblem): void => {
    report.problemCount++;
    if (report.problems.length < maxProblems) report.problems.push(p);
  };
  for (const model of reader.models()) {
    const fields = reader.fields(model);
    const specs = MODELS[model]?.fields ?? {};
    const expectedKeys = ['id', ...fields].join(',');
    const generic = GENERIC_REFS.find((g) => g.model === model);
    let count = 0;
    for await (const r of reader.records(model)) {
      count++;
      if (Object.keys(r).join(',') !== expectedKeys) {
        problem({ model, id: r.id, field: '*', message: `fields ${Object.keys(r).join(',')} differ from the manifest's id,${fields.join(',')}` });
      }
      for (const field of fields) {
        const spec = specs[field];
        if (!spec?.relation || !Object.hasOwn(r, field)) continue; // an absent field is reported once, above
        const target = ids.get(spec.relation);
        if (!target) {
          unchecked.add(`${model}.${field} → ${spec.relation}`);
          continue;
        }
        const value = r[field];
        if (spec.type === 'many2one') {
          if (value === false) continue;
          if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || typeof value[1] !== 'string') {
            problem({ model, id: r.id, field, message: `many2one must be [id, "name"] or false, got ${JSON.stringify(value)}` });
          } else if (!target.has(value[0])) {
            problem({ model, id: r.id, field, message: `${spec.relation} ${value[0]} does not exist` });
          }
        } else {
          if (!Array.isArray(value) || !value.every((v) => typeof v === 'number')) {
            problem({ model, id: r.id, field, message: `${spec.type} must be a list of ids, got ${JSON.stringify(value)}` });
            continue;
          }
          for (const id of value as number[]) {
            if (!target.has(id)) problem({ model, id: r.id, field, message: `${spec.relation} ${id} does not exist` });
          }
        }
      }
      if (generic) {
        const targetModel = r[generic.modelField];
        const targetId = r[generic.idField];
        const target = typeof targetModel === 'string' ? ids.get(targetModel) : undefined;
        if (!target) unchecked.add(`${model}.${generic.modelField} → ${String(targetModel)}`);
        else if (typeof targetId !== 'number' || !target.has(targetId)) {
          problem({ model, id: r.id, field: generic.idField, message: `${String(targetModel)} ${String(targetId)} does not exist` });
        }
      }
    }
    report.checked[model] = count;
  }
  report.unchecked = [...unchecked].sort();
  return report;
}
