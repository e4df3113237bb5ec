/** Shared by the Odoo client tests. */
import { expect } from 'vitest';
import { OdooError } from '../../src/odoo/index.js';

/** The OdooError a call fails with; the test fails if the call succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<OdooError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OdooError);
    return error as OdooError;
  }
  throw new Error('expected the call to fail');
}
