/** The published schemas are what the kinds declare, valid 2020-12, and accept the example pack. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderSchemas } from '../src/language/write-schemas.js';
import { SCHEMA_DIR, validatorFor } from '../src/language/schemas.js';
import { KINDS, isDocumentKind } from '../src/kinds/registry.js';

describe('schemas/', () => {
  it('holds exactly the generated schemas (run `npm run build && npm run schemas` after changing a kind)', () => {
    const rendered = renderSchemas();
    expect(readdirSync(SCHEMA_DIR).sort()).toEqual(Object.keys(rendered).sort());
    for (const [file, text] of Object.entries(rendered)) expect(readFileSync(join(SCHEMA_DIR, file), 'utf8'), file).toBe(text);
  });

  it('every schema has a 2020-12 $schema and an $id, and compiles', () => {
    for (const file of Object.keys(renderSchemas())) {
      const s = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
      expect(s['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(String(s['$id'])).toMatch(/^https:\/\/distrule\.dev\/schemas\/v1\/.+\.json$/);
      if (file !== 'rule-file.json') expect(() => validatorFor(file)).not.toThrow();
    }
  });

  it('accepts every document of the example pack through its kind schema', () => {
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    for (const file of walk('rules')) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8')) as unknown as { toJS(): Record<string, unknown> }[]) {
        const v = doc.toJS();
        expect(isDocumentKind(v['kind'])).toBe(true);
        const validate = validatorFor(KINDS[v['kind'] as keyof typeof KINDS].file);
        expect(validate(v), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it('each rule file names its schema for editors', () => {
    for (const f of ['directory', 'calendars', 'escalation', 'sales-approvals', 'purchase-approvals', 'allocation', 'replenishment']) {
      expect(readFileSync(`rules/${f}.yaml`, 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/[a-z-]+\.json/);
    }
  });
});
