/**
 * The parts of `odoo-xmlrpc` (1.0.x, CommonJS, untyped) this client uses.
 * It speaks XML-RPC through the `xmlrpc` package: `connect` calls `common.authenticate` on
 * `/xmlrpc/2/common` and keeps the uid; `execute_kw` posts to `/xmlrpc/2/object` with
 * `[db, uid, password, model, method, ...params]`. The URL's path is ignored (host and port only).
 */
declare module 'odoo-xmlrpc' {
  interface OdooXmlRpcConfig {
    url: string;
    port?: number | string;
    db: string;
    username: string;
    password: string;
  }

  /**
   * `error` is an Error from `xmlrpc` (faults carry `faultCode`/`faultString`; HTTP/parse errors
   * carry non-enumerable `res` and `body`), a Node network error, or, for a falsy uid, a plain
   * `{ message }` object.
   */
  type OdooXmlRpcCallback<T> = (error: unknown, value: T) => void;

  class OdooXmlRpc {
    constructor(config: OdooXmlRpcConfig);
    connect(callback: OdooXmlRpcCallback<number | null>): void;
    execute_kw(model: string, method: string, params: unknown[], callback: OdooXmlRpcCallback<unknown>): void;
  }

  export = OdooXmlRpc;
}
