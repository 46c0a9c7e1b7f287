// Request/answer shapes shared by the fake homeserver's route files. Errors follow the spec:
// a JSON body `{errcode, error}` (the M_FORBIDDEN and M_NOT_FOUND bodies are the spec examples).
import { errorFixture, type Json } from './matrix-fixtures.ts';

export interface Request {
  method: string;
  /** Decoded path segments after the API prefix; a trailing slash gives a final ''. */
  segments: string[];
  query: URLSearchParams;
  json: Json;
  raw: Buffer;
  contentType: string;
}

export interface Answer {
  status: number;
  body: unknown;
}

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const fail = (status: number, errcode: string, error: string): Answer => ({ status, body: { errcode, error } });
export const forbidden = (error = 'You are not in this room.'): Answer => ({
  status: 403,
  body: errorFixture('error-M_FORBIDDEN-join', { error }),
});
export const notFound = (error: string): Answer => ({
  status: 404,
  body: errorFixture('error-M_NOT_FOUND-account-data', { error }),
});
export const unrecognized = (): Answer => fail(404, 'M_UNRECOGNIZED', 'Unrecognized request');
