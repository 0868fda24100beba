import { expect } from '@open-wc/testing';

/**
 * Registers, in the calling `describe`, hooks that fail a test when anything reached the page
 * as an uncaught error or an unhandled rejection: an element must never throw into its host.
 */
export function expectNothingThrownIntoThePage(): void {
  let uncaught: unknown[] = [];
  const onError = (event: ErrorEvent | PromiseRejectionEvent) => uncaught.push('reason' in event ? event.reason : event.error);
  beforeEach(() => {
    uncaught = [];
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });
  afterEach(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
    expect(uncaught, 'nothing thrown into the page').to.deep.equal([]);
  });
}

/**
 * The error a promise rejects with, checked to be of `type` (a GoldError, say); fails the test
 * when the promise resolves instead.
 */
export async function rejection<T extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(type);
    return error as T;
  }
  throw new Error('expected the promise to reject');
}
