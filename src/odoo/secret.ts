/**
 * Resolving the Odoo secret (API key or password) from where operations keep it: an environment
 * variable or a secrets file (Docker/Kubernetes mount). Never from rule files. Errors name the
 * variable or the file, never the content.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { OdooConfigurationError } from './errors.js';

export type SecretRef = { readonly env: string } | { readonly file: string };

export async function resolveSecret(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const source = checkRef(ref);
  if (source.kind === 'env') return fromEnv(source.name, env);
  try {
    return fromFileContent(source.name, await readFile(source.name, 'utf8'));
  } catch (error) {
    throw fileError(source.name, error);
  }
}

/** Same as resolveSecret, for synchronous configuration loading. */
export function resolveSecretSync(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): string {
  const source = checkRef(ref);
  if (source.kind === 'env') return fromEnv(source.name, env);
  try {
    return fromFileContent(source.name, readFileSync(source.name, 'utf8'));
  } catch (error) {
    throw fileError(source.name, error);
  }
}

function checkRef(ref: SecretRef): { kind: 'env' | 'file'; name: string } {
  const record = (typeof ref === 'object' && ref !== null ? ref : {}) as Record<string, unknown>;
  const hasEnv = typeof record.env === 'string' && record.env.length > 0;
  const hasFile = typeof record.file === 'string' && record.file.length > 0;
  if (hasEnv === hasFile) {
    throw new OdooConfigurationError(
      'Odoo secret: give exactly one of { env: VARIABLE } or { file: /path/to/secret }',
    );
  }
  return hasEnv ? { kind: 'env', name: record.env as string } : { kind: 'file', name: record.file as string };
}

function fromEnv(name: string, env: NodeJS.ProcessEnv): string {
  const value = env[name];
  if (value === undefined) {
    throw new OdooConfigurationError(`Odoo secret: environment variable ${name} is not set`);
  }
  const trimmed = value.trim();
  if (!trimmed) throw new OdooConfigurationError(`Odoo secret: environment variable ${name} is empty`);
  return trimmed;
}

function fromFileContent(path: string, content: string): string {
  const trimmed = content.trim();
  if (!trimmed) throw new OdooConfigurationError(`Odoo secret: file ${path} is empty`);
  return trimmed;
}

/** A readable reason for a failed read, without the error object (nothing of the content leaks anyway). */
function fileError(path: string, error: unknown): OdooConfigurationError {
  if (error instanceof OdooConfigurationError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const reason =
    code === 'ENOENT'
      ? 'does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'cannot be read (permission denied)'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot be read${typeof code === 'string' ? ` (${code})` : ''}`;
  return new OdooConfigurationError(`Odoo secret: file ${path} ${reason}`);
}
