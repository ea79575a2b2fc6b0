/**
 * Failures as values with an HTTP status, a code and field paths; one handler turns every error
 * into the shared JSON error shape. A 5xx never carries a stack or an internal message.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { errorCodes, issuesFromZod, type ApiError, type ErrorCode, type FieldIssue } from '../../shared/api/errors';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export function invalid(path: string, message: string, code = 'invalid'): ApiFailure {
  return new ApiFailure(400, errorCodes.invalid, `${path}: ${message}`, [{ path, code, message }]);
}
export function forbidden(message: string): ApiFailure {
  return new ApiFailure(403, errorCodes.forbidden, message);
}
export function notFound(message: string): ApiFailure {
  return new ApiFailure(404, errorCodes.notFound, message);
}
export function conflict(message: string, issues: FieldIssue[] = []): ApiFailure {
  return new ApiFailure(409, errorCodes.conflict, message, issues);
}

/** Parses with a shared schema or fails with a 400 naming every bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error, prefix, value);
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new ApiFailure(400, errorCodes.invalid, message || 'invalid input', issues);
}

function body(code: ErrorCode, message: string, issues: FieldIssue[] = []): ApiError {
  return { error: { code, message, issues } };
}

type PgError = { code: string; constraint?: string; detail?: string };

function isPgError(error: unknown): error is PgError {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);
}

/** The column a constraint error is about, from PostgreSQL's detail ("Key (assigned_to_id)=(…)"), as a field name. */
function fieldFromDetail(detail: string | undefined): string {
  const column = /Key \(([a-z0-9_, ]+)\)=/.exec(detail ?? '')?.[1] ?? '';
  return column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiFailure | Error, request, reply) => {
    if (error instanceof ApiFailure) {
      return reply.status(error.status).send(body(error.code, error.message, error.issues));
    }
    const fastifyCode = (error as FastifyError).code;
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(body(errorCodes.tooLarge, 'the request body is too large'));
    }
    if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(body(errorCodes.unsupportedMediaType, 'send the body as application/json'));
    }
    if (fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && (error as FastifyError).statusCode === 400)) {
      return reply.status(400).send(body(errorCodes.invalid, 'the body is not valid JSON', [{ path: '', code: 'invalid_json', message: 'the body is not valid JSON' }]));
    }
    if (isPgError(error)) {
      if (error.code === '23503') {
        const path = fieldFromDetail(error.detail);
        const isDelete = /is still referenced/.test(error.detail ?? '');
        return reply
          .status(409)
          .send(body(errorCodes.conflict, isDelete ? 'the record is still referenced by other records' : `${path}: the referenced record does not exist`, isDelete ? [] : [{ path, code: 'missing_reference', message: 'the referenced record does not exist' }]));
      }
      if (error.code === '23505') {
        const path = fieldFromDetail(error.detail);
        return reply.status(409).send(body(errorCodes.conflict, `${path || 'record'}: already exists`, [{ path, code: 'duplicate', message: 'already exists' }]));
      }
      if (error.code === '22P02' || error.code === '22007' || error.code === '22008' || error.code === '22003') {
        return reply.status(400).send(body(errorCodes.invalid, 'a value has the wrong format'));
      }
    }
    const status = (error as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.status(status).send(body(errorCodes.invalid, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body(errorCodes.internal, 'internal error; it has been logged'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body(errorCodes.notFound, `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
}
