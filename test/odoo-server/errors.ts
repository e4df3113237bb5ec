/**
 * Odoo's exceptions and how each transport reports them (odoo/exceptions.py,
 * odoo/addons/base/controllers/rpc.py, odoo/http.py).
 */

/** Python exception classes the server raises, by their qualified name. */
export type PyExceptionName =
  | 'odoo.exceptions.UserError'
  | 'odoo.exceptions.AccessError'
  | 'odoo.exceptions.AccessDenied'
  | 'odoo.exceptions.MissingError'
  | 'odoo.exceptions.ValidationError'
  | 'ValueError'
  | 'TypeError'
  | 'KeyError'
  | 'AttributeError'
  | 'IndexError'
  | 'NameError'
  | 'OverflowError'
  | 'Exception'
  | 'psycopg2.OperationalError'
  | 'xml.parsers.expat.ExpatError';

/** Werkzeug HTTP exceptions (JSON-2 answers them with their own status). */
export type HttpExceptionName = 'BadRequest' | 'Unauthorized' | 'NotFound' | 'MethodNotAllowed' | 'UnprocessableEntity';

const HTTP_CODES: Readonly<Record<HttpExceptionName, number>> = {
  BadRequest: 400,
  Unauthorized: 401,
  NotFound: 404,
  MethodNotAllowed: 405,
  UnprocessableEntity: 422,
};

/** An exception raised inside the emulated Odoo. */
export class OdooError extends Error {
  constructor(
    readonly pyName: PyExceptionName,
    message: string,
    /** `exception.args`; defaults to `(message,)`. */
    readonly args: readonly unknown[] = [message],
  ) {
    super(message);
  }

  /** UserError and its subclasses: shown to users as is, no traceback. */
  get isUserError(): boolean {
    return this.pyName.startsWith('odoo.exceptions.');
  }

  /** `http_status` of Odoo 19's exceptions (JSON-2 answers with it). */
  get httpStatus(): number {
    switch (this.pyName) {
      case 'odoo.exceptions.AccessError':
      case 'odoo.exceptions.AccessDenied':
        return 403;
      case 'odoo.exceptions.MissingError':
        return 404;
      case 'odoo.exceptions.UserError':
      case 'odoo.exceptions.ValidationError':
        return 422;
      default:
        return 500;
    }
  }

  /** What Python prints on the last line of a traceback: `ValueError: msg`. */
  get exceptionLine(): string {
    return `${this.pyName}: ${this.message}`;
  }
}

/** A werkzeug HTTP exception (only JSON-2 and routing raise these). */
export class HttpError extends Error {
  constructor(
    readonly exception: HttpExceptionName,
    readonly description: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(description);
  }
  get status(): number {
    return HTTP_CODES[this.exception];
  }
  get pyName(): string {
    return `werkzeug.exceptions.${this.exception}`;
  }
}

export const userError = (msg: string) => new OdooError('odoo.exceptions.UserError', msg);
export const accessError = (msg: string) => new OdooError('odoo.exceptions.AccessError', msg);
export const accessDenied = (msg = 'Access Denied') => new OdooError('odoo.exceptions.AccessDenied', msg);
export const missingError = (msg: string) => new OdooError('odoo.exceptions.MissingError', msg);
export const validationError = (msg: string) => new OdooError('odoo.exceptions.ValidationError', msg);
export const valueError = (msg: string) => new OdooError('ValueError', msg);
export const typeError = (msg: string) => new OdooError('TypeError', msg);
export const attributeError = (msg: string) => new OdooError('AttributeError', msg);

/**
 * A traceback shaped like Python's. The frames are symbolic (there is no Python here); clients
 * only ever read the last line, which is exact.
 */
export function syntheticTraceback(error: OdooError, where: string): string {
  return [
    'Traceback (most recent call last):',
    `  File "/usr/lib/python3/dist-packages/odoo/${where}", line 1, in dispatch`,
    '    (frames elided by the distrule test server)',
    error.exceptionLine,
    '',
  ].join('\n');
}

/** Odoo's `serialize_exception`, key order per version (17: name first, debug second). */
export function serializeException(
  error: OdooError,
  version: string,
  where: string,
  context: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const debug = syntheticTraceback(error, where);
  // f'{module}.{name}': built-in exceptions live in the `builtins` module.
  const name = error.pyName.includes('.') ? error.pyName : `builtins.${error.pyName}`;
  if (version.startsWith('17')) {
    return { name, debug, message: error.message, arguments: [...error.args], context };
  }
  return { name, message: error.message, arguments: [...error.args], context, debug };
}

/** Any thrown value as an OdooError (bugs in the emulation surface as Python's generic error). */
export function asOdooError(thrown: unknown): OdooError {
  if (thrown instanceof OdooError) return thrown;
  if (thrown instanceof Error && thrown.name === 'DomainError') return valueError(thrown.message);
  return new OdooError('Exception', thrown instanceof Error ? thrown.message : String(thrown));
}
