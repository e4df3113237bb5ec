/** Read and validate distrule.yaml, with findings at file:line:col like any rule file. */
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Finding } from '../language/findings.js';
import { parseSourceFile } from '../language/source.js';
import { schemaFindings } from '../language/schemas.js';
import type { DistruleConfig } from './schema.js';

export function loadConfig(file: string, cwd = process.cwd()): { config: DistruleConfig | null; findings: Finding[] } {
  const shown = relative(cwd, file) || file;
  const source = parseSourceFile(shown, readFileSync(file));
  const findings = source.findings.filter((f) => f.code !== 'file/empty');
  const doc = source.documents[0];
  if (!doc || doc.value === null || findings.length) return { config: null, findings };
  if (source.documents.length > 1) {
    findings.push({ code: 'config/several-documents', severity: 'error', message: `${shown} must hold a single YAML document`, file: shown, start: source.documents[1]!.start });
  }
  const errors = schemaFindings(doc, 'config.json', 'distrule.yaml');
  if (errors.length) return { config: null, findings: [...findings, ...errors] };
  return { config: { ...(doc.value as Omit<DistruleConfig, 'root'>), root: dirname(file) }, findings };
}
