/** The Odoo client: transports, typed errors, resilience and secret resolution. */
export { createOdooClient, type OdooClient, type OdooContext } from './client.js';
export {
  DEFAULT_CLIENT_SETTINGS,
  type OdooCallEvent,
  type OdooCallOptions,
  type OdooClientOptions,
} from './options.js';
export type { OdooFieldInfo } from './results.js';
export {
  isOdooError,
  makeOdooError,
  ODOO_ERROR_KINDS,
  OdooAccessError,
  OdooAuthenticationError,
  OdooConfigurationError,
  OdooError,
  OdooMissingError,
  OdooProtocolError,
  OdooServerError,
  OdooTransientError,
  OdooUnknownModelOrMethodError,
  OdooValidationError,
  type OdooAccessDetails,
  type OdooErrorInfo,
  type OdooErrorKind,
  type OdooTransportName,
  type OdooWire,
} from './errors.js';
export { systemClock, type OdooClock } from './backoff.js';
export { KNOWN_SIGNATURES, READ_ONLY_METHODS, isReadOnlyMethod } from './methods.js';
export { resolveSecret, resolveSecretSync, type SecretRef } from './secret.js';
export {
  chooseTransport,
  JSON2_SINCE_MAJOR,
  parseVersionInfo,
  type OdooServerVersion,
  type OdooTransportChoice,
} from './version.js';
