/** `distrule.yaml` at the root of a rule repository: where rules live, how to reach Odoo, how facts map. */
import type { JsonSchema } from '../language/schema-defs.js';
import { SCHEMA_BASE } from '../language/schema-defs.js';

export const CONFIG_FILE = 'distrule.yaml';

export const configSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${SCHEMA_BASE}config.json`,
  title: 'distrule.yaml — repository settings',
  type: 'object',
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'distrule/v1' },
    rules: { type: 'array', items: { type: 'string' }, description: 'Rule folders, relative to this file (default: the folder itself).' },
    history: { type: 'string', description: 'Default snapshot folder for simulate, diff and explain.' },
    odoo: {
      type: 'object',
      required: ['url', 'database'],
      additionalProperties: false,
      properties: {
        url: { type: 'string', format: 'uri', description: 'e.g. https://erp.example.com' },
        database: { type: 'string', minLength: 1 },
        login: { type: 'string', minLength: 1, description: 'User login (XML-RPC / JSON-RPC); JSON-2 uses the API key alone.' },
        secret: {
          description: 'Where the API key or password comes from: never the key itself.',
          oneOf: [
            { type: 'object', required: ['env'], additionalProperties: false, properties: { env: { type: 'string', pattern: '^[A-Z_][A-Z0-9_]*$' } } },
            { type: 'object', required: ['file'], additionalProperties: false, properties: { file: { type: 'string', minLength: 1 } } },
          ],
        },
        transport: { enum: ['auto', 'json2', 'jsonrpc', 'xmlrpc'], default: 'auto' },
        timeoutMs: { type: 'integer', minimum: 100, default: 30000 },
        retries: { type: 'integer', minimum: 0, maximum: 10, default: 4 },
        concurrency: { type: 'integer', minimum: 1, maximum: 32, default: 4 },
        batchSize: { type: 'integer', minimum: 1, maximum: 5000, default: 500 },
        companies: { type: 'array', items: { type: 'integer', minimum: 1 }, description: 'Company ids in scope (default: the user\'s).' },
        warehouses: { type: 'array', items: { type: 'string' }, description: 'Warehouse codes in scope (default: all).' },
      },
    },
    facts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        tier: {
          description: 'How customer.tier is derived.',
          oneOf: [
            {
              type: 'object',
              required: ['from', 'prefix'],
              additionalProperties: false,
              properties: { from: { const: 'tag-prefix' }, prefix: { type: 'string', minLength: 1, description: 'e.g. "Tier: " — the tag "Tier: Gold" gives tier gold.' } },
            },
            {
              type: 'object',
              required: ['from', 'map'],
              additionalProperties: false,
              properties: { from: { const: 'pricelist' }, map: { type: 'object', additionalProperties: { type: 'string' }, description: 'Pricelist name → tier.' } },
            },
            {
              type: 'object',
              required: ['from', 'field'],
              additionalProperties: false,
              properties: { from: { const: 'field' }, field: { type: 'string', pattern: '^[a-z_][a-z0-9_]*$', description: 'A res.partner field, e.g. x_tier.' } },
            },
          ],
        },
        region: {
          type: 'object',
          required: ['from'],
          additionalProperties: false,
          properties: { from: { enum: ['state', 'country'] } },
        },
      },
    },
  },
};

export interface TierMapping {
  from: 'tag-prefix' | 'pricelist' | 'field';
  prefix?: string;
  map?: Record<string, string>;
  field?: string;
}

export interface OdooSettings {
  url: string;
  database: string;
  login?: string;
  secret?: { env: string } | { file: string };
  transport?: 'auto' | 'json2' | 'jsonrpc' | 'xmlrpc';
  timeoutMs?: number;
  retries?: number;
  concurrency?: number;
  batchSize?: number;
  companies?: number[];
  warehouses?: string[];
}

export interface DistruleConfig {
  /** Folder holding distrule.yaml (paths in it are relative to this). */
  root: string;
  rules?: string[];
  history?: string;
  odoo?: OdooSettings;
  facts?: { tier?: TierMapping; region?: { from: 'state' | 'country' } };
}

export const DEFAULT_TIER: TierMapping = { from: 'tag-prefix', prefix: 'Tier: ' };
