/**
 * JSON Schema validation with ajv, from the published files in `schemas/`, with each error
 * mapped back to the YAML node it is about.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { Finding } from './findings.js';
import { editDistance } from '../facts/model.js';
import { formatPath, type DocPath, type SourceDocument } from './source.js';

// ajv-formats is CommonJS; under nodenext its default import is the module object.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');

let ajv: Ajv2020 | null = null;
const validators = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
    addFormats(ajv);
  }
  return ajv;
}

/** The validator of a published schema file, e.g. `approval-matrix.json`. */
export function validatorFor(file: string): ValidateFunction {
  let v = validators.get(file);
  if (!v) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
    v = instance().compile(schema);
    validators.set(file, v);
  }
  return v;
}

/** Errors inside conditions are reported by the condition parser, with better words. */
const CONDITION_SCHEMA = /\/\$defs\/(condition|leaf)\//;

export function schemaFindings(doc: SourceDocument, file: string, label: string): Finding[] {
  const validate = validatorFor(file);
  if (validate(doc.value)) return [];
  const errors = pickErrors(validate.errors ?? []);
  return errors.map((e) => toFinding(doc, e, label));
}

function pickErrors(all: ErrorObject[]): ErrorObject[] {
  let errors = all.filter((e) => !CONDITION_SCHEMA.test(e.schemaPath));
  // oneOf / anyOf / if report a summary beside the real cause; keep the cause when there is one.
  const deeper = (e: ErrorObject): boolean => errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && !['oneOf', 'anyOf', 'if'].includes(o.keyword));
  errors = errors.filter((e) => !(['oneOf', 'anyOf', 'if'].includes(e.keyword) && deeper(e)));
  // A oneOf over `required` branches yields one "required" per branch: summarise as one.
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.instancePath}|${e.keyword === 'required' && e.schemaPath.includes('oneOf') ? 'oneOf-required' : `${e.keyword}|${JSON.stringify(e.params)}`}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function pointerToPath(pointer: string): DocPath {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function toFinding(doc: SourceDocument, e: ErrorObject, label: string): Finding {
  const path = pointerToPath(e.instancePath);
  const where = formatPath(path) || 'document';
  let at: 'key' | 'value' = 'value';
  let target = path;
  let message: string;
  let hint: string | undefined;
  const params = e.params as Record<string, unknown>;
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  switch (e.keyword) {
    case 'required':
      message = e.schemaPath.includes('oneOf')
        ? `${where} needs one of: ${oneOfRequired(parent)}`
        : `${where} is missing required property \`${String(params['missingProperty'])}\``;
      break;
    case 'additionalProperties': {
      const prop = String(params['additionalProperty']);
      target = [...path, prop];
      at = 'key';
      message = `unknown property \`${prop}\` in ${where}`;
      const known = Object.keys((parent?.['properties'] as Record<string, unknown>) ?? {});
      const near = known.filter((k) => editDistance(k, prop) <= 2);
      hint = near.length ? `Did you mean \`${near[0]}\`?` : known.length ? `Allowed here: ${known.join(', ')}.` : undefined;
      break;
    }
    case 'type':
      message = `${where} must be ${String(params['type']).replace(/,/g, ' or ')}, not ${describe(valueAt(doc.value, path))}`;
      break;
    case 'enum':
      message = `${where} must be one of: ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'const':
      message = `${where} must be ${JSON.stringify(params['allowedValue'])}`;
      if (path[0] === 'apiVersion') hint = 'Every document starts with `apiVersion: distrule/v1`.';
      break;
    case 'pattern':
    case 'format':
      message = `${where} ${JSON.stringify(valueAt(doc.value, path))} is not in the expected format`;
      hint = typeof parent?.['description'] === 'string' ? parent['description'] : undefined;
      break;
    case 'oneOf':
      message = `${where} must match exactly one of its allowed forms`;
      hint = typeof parent?.['description'] === 'string' ? parent['description'] : undefined;
      break;
    default:
      message = `${where} ${e.message ?? 'is invalid'}`;
  }
  const { start, end } = doc.locate(target, at);
  return {
    code: `schema/${e.keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    severity: 'error',
    message,
    ...(hint ? { hint } : {}),
    file: doc.file,
    start,
    end,
    rulePath: `${label}/${formatPath(path)}`,
  };
}

function oneOfRequired(parent: Record<string, unknown> | undefined): string {
  const branches = (parent?.['oneOf'] as { required?: string[] }[] | undefined) ?? [];
  return branches.map((b) => (b.required ?? []).map((r) => `\`${r}\``).join(' + ')).join(', ') || 'its alternatives';
}

function valueAt(v: unknown, path: DocPath): unknown {
  let cur = v;
  for (const s of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[s] : undefined;
  return cur;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
