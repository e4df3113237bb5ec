/**
 * One error hierarchy for everything that can go wrong talking to Odoo, whatever the transport.
 *
 * Callers branch on `kind` (or `instanceof` a subclass); the wire-level facts that led to the
 * classification (HTTP status, Python exception name, XML-RPC fault code) are kept as fields so a
 * log line or an `explain` output can show them. Messages never contain the secret: they are
 * built from server text that has been through the client's redactor, and `cause` is only ever a
 * sanitised summary, never the raw transport error (the `xmlrpc` package hangs the request, with
 * the password in its body, on its errors).
 */

export const ODOO_ERROR_KINDS = [
  'authentication',
  'access',
  'missing',
  'validation',
  'unknown-model-or-method',
  'transient',
  'protocol',
  'server',
  'configuration',
] as const;

export type OdooErrorKind = (typeof ODOO_ERROR_KINDS)[number];

export type OdooTransportName = 'json2' | 'jsonrpc' | 'xmlrpc';

/** Where a call went: one of the transports, or plain HTTP (`GET /web/version`). */
export type OdooWire = OdooTransportName | 'http';

/** What Odoo said about a refused access, parsed from its message when it says so. */
export interface OdooAccessDetails {
  /** Technical model name, e.g. `res.partner`. */
  model?: string;
  /** `read`, `write`, `create`, `unlink`. */
  operation?: string;
  /** Fields the user may not access. */
  fields?: string[];
  /** Groups that would allow the operation, as Odoo names them. */
  groups?: string[];
}

/** Wire facts attached to an error. Every field is optional: each transport knows different things. */
export interface OdooErrorInfo {
  model?: string;
  method?: string;
  transport?: OdooWire;
  /** HTTP status of the reply, when there was one. */
  httpStatus?: number;
  /** Fully qualified Python exception name, e.g. `odoo.exceptions.AccessError`. */
  odooException?: string;
  /** XML-RPC fault code (1 application error, 2 user error, 3 access denied, 4 access error). */
  faultCode?: number | string;
  /** Odoo's own message, redacted. */
  serverMessage?: string;
  /** Odoo's traceback, redacted; for debugging, never shown to end users by default. */
  debug?: string;
  /** False when the failure happened before the request left this process (safe to resend). */
  requestSent?: boolean;
  /** Delay the server asked for (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** The call timed out on our side. */
  timedOut?: boolean;
  access?: OdooAccessDetails;
}

export class OdooError extends Error {
  readonly kind: OdooErrorKind;
  // `declare`: no class-field initialiser, so only the facts that are known become own properties.
  declare readonly model?: string;
  declare readonly method?: string;
  declare readonly transport?: OdooWire;
  declare readonly httpStatus?: number;
  declare readonly odooException?: string;
  declare readonly faultCode?: number | string;
  declare readonly serverMessage?: string;
  declare readonly debug?: string;
  declare readonly requestSent?: boolean;
  declare readonly retryAfterMs?: number;
  declare readonly timedOut?: boolean;
  /** How many attempts were made before giving up; set by the client's retry loop. */
  declare attempts?: number;

  constructor(kind: OdooErrorKind, message: string, info: OdooErrorInfo = {}, options?: { cause?: Error }) {
    super(message, options?.cause ? { cause: options.cause } : undefined);
    this.kind = kind;
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true });
    // Only own the fields that are set, so logs and JSON stay short.
    for (const [key, value] of Object.entries(info)) {
      if (value !== undefined && key !== 'access') (this as unknown as Record<string, unknown>)[key] = value;
    }
  }

  /** Is this failure worth retrying at all (the retry loop also checks the method and `requestSent`)? */
  get transient(): boolean {
    return this.kind === 'transient';
  }
}

export class OdooAuthenticationError extends OdooError {
  constructor(message: string, info?: OdooErrorInfo, options?: { cause?: Error }) {
    super('authentication', message, info, options);
  }
}

export class OdooAccessError extends OdooError {
  readonly access: OdooAccessDetails;
  constructor(message: string, info: OdooErrorInfo = {}, options?: { cause?: Error }) {
    super('access', message, info, options);
    this.access = info.access ?? {};
  }
}

export class OdooMissingError extends OdooError {
  constructor(message: string, info?: OdooErrorInfo, options?: { cause?: Error }) {
    super('missing', message, info, options);
  }
}

export class OdooValidationError extends OdooError {
  constructor(message: string, info?: OdooErrorInfo, options?: { cause?: Error }) {
    super('validation', message, info, options);
  }
}

export class OdooUnknownModelOrMethodError extends OdooError {
  constructor(message: string, info?: OdooErrorInfo, options?: { cause?: Error }) {
    super('unknown-model-or-method', message, info, options);
  }
}

export class OdooTransientError extends OdooError {
  constructor(message: string, info?: OdooErrorInfo, options?: { cause?: Error }) {
    super('transient', message, info, options);
  }
}

export class OdooProtocolError extends OdooError {
  constructor(message: string, info?: OdooErrorInfo, options?: { cause?: Error }) {
    super('protocol', message, info, options);
  }
}

/** An exception inside Odoo that is none of the above (a ValueError, a bug in a module…): not retried. */
export class OdooServerError extends OdooError {
  constructor(message: string, info?: OdooErrorInfo, options?: { cause?: Error }) {
    super('server', message, info, options);
  }
}

/** Bad client options or an unresolvable secret: fix the configuration, nothing was sent. */
export class OdooConfigurationError extends OdooError {
  constructor(message: string, info?: OdooErrorInfo, options?: { cause?: Error }) {
    super('configuration', message, { requestSent: false, ...info }, options);
  }
}

const CLASSES: Record<
  OdooErrorKind,
  new (message: string, info?: OdooErrorInfo, options?: { cause?: Error }) => OdooError
> = {
  authentication: OdooAuthenticationError,
  access: OdooAccessError,
  missing: OdooMissingError,
  validation: OdooValidationError,
  'unknown-model-or-method': OdooUnknownModelOrMethodError,
  transient: OdooTransientError,
  protocol: OdooProtocolError,
  server: OdooServerError,
  configuration: OdooConfigurationError,
};

/** Build the subclass that matches `kind`. */
export function makeOdooError(
  kind: OdooErrorKind,
  message: string,
  info?: OdooErrorInfo,
  options?: { cause?: Error },
): OdooError {
  return new CLASSES[kind](message, info, options);
}

export function isOdooError(value: unknown): value is OdooError {
  return value instanceof OdooError;
}
