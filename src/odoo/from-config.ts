/**
 * distrule.yaml's `odoo` section → an Odoo client. The secret is resolved here, from the
 * environment variable or the file the section names; errors name the variable or the file,
 * never the value.
 */
import { isAbsolute, resolve } from 'node:path';
import type { OdooSettings } from '../config/schema.js';
import { createOdooClient, type OdooClient } from './client.js';
import { OdooConfigurationError } from './errors.js';
import type { OdooClientOptions } from './options.js';
import { resolveSecretSync, type SecretRef } from './secret.js';

export interface ClientFromConfigOptions {
  /** Folder of distrule.yaml: a relative `secret.file` is read from there. Default: the working directory. */
  root?: string;
  /** Further client options (onCall, clock, userAgent, …); values set in the settings override them. */
  client?: Omit<OdooClientOptions, 'url' | 'database' | 'login' | 'secret'>;
}

/** Client options from the settings, with the secret resolved. Throws OdooConfigurationError. */
export function clientOptionsFromConfig(
  settings: OdooSettings | undefined,
  env: NodeJS.ProcessEnv = process.env,
  options: ClientFromConfigOptions = {},
): OdooClientOptions {
  if (!settings) {
    throw new OdooConfigurationError('no Odoo configured: distrule.yaml has no odoo section (url, database, login, secret)');
  }
  if (typeof settings.url !== 'string' || settings.url === '') throw new OdooConfigurationError('odoo.url is not set (e.g. https://erp.example.com)');
  if (!settings.secret) {
    throw new OdooConfigurationError(
      'odoo.secret is not set: say where the API key comes from, e.g. secret: { env: ODOO_API_KEY } or secret: { file: /run/secrets/odoo }',
    );
  }
  const ref: SecretRef =
    'file' in settings.secret && typeof settings.secret.file === 'string'
      ? { file: isAbsolute(settings.secret.file) ? settings.secret.file : resolve(options.root ?? process.cwd(), settings.secret.file) }
      : settings.secret;
  const secret = resolveSecretSync(ref, env);
  return {
    ...options.client,
    url: settings.url,
    ...(settings.database ? { database: settings.database } : {}),
    ...(settings.login !== undefined ? { login: settings.login } : {}),
    secret,
    ...(settings.transport !== undefined ? { transport: settings.transport } : {}),
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
    ...(settings.concurrency !== undefined ? { concurrency: settings.concurrency } : {}),
  };
}

/** `createOdooClient(clientOptionsFromConfig(…))`. */
export function clientFromConfig(
  settings: OdooSettings | undefined,
  env: NodeJS.ProcessEnv = process.env,
  options: ClientFromConfigOptions = {},
): OdooClient {
  return createOdooClient(clientOptionsFromConfig(settings, env, options));
}
