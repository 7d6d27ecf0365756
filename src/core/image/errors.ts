// Errors a student can cause, as values: the daemon's errdefs kinds (which pick
// the HTTP status) with Docker's exact message text.

export type ErrorKind =
  'invalid' | 'notFound' | 'conflict' | 'forbidden' | 'unauthorized' | 'unavailable' | 'system';

export interface Failure {
  readonly ok: false;
  readonly kind: ErrorKind;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | Failure;

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail(kind: ErrorKind, message: string): Failure {
  return { ok: false, kind, message };
}

/** HTTP status the API server sends for each kind (api/server/httpstatus). */
export function httpStatus(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'notFound':
      return 404;
    case 'conflict':
      return 409;
    case 'unavailable':
      return 503;
    case 'system':
      return 500;
  }
}
