/** Writes the published JSON Schemas into `schemas/` (npm run schemas); a test keeps them in sync. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemas } from '../kinds/registry.js';
import { configSchema } from '../config/schema.js';
import { SCHEMA_DIR } from './schemas.js';

export function renderSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, schema] of Object.entries(buildSchemas(configSchema))) out[file] = `${JSON.stringify(schema, null, 2)}\n`;
  return out;
}

export function writeSchemas(dir = SCHEMA_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  const files = renderSchemas();
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return Object.keys(files);
}
