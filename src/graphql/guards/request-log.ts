/**
 * One JSON line per request: time, request id, operation name and type, duration, status, error
 * codes and the key's prefix-free id. Never the key, the variables or any verdict text.
 */
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { Context } from '../context';
import { requestIdOf } from './request-id';

export type LogSink = (line: string) => void;

export interface RequestLogEntry {
  requestId: string | null;
  operation: string | null;
  type: string | null;
  /** `process.hrtime.bigint()` when the request started. */
  started: bigint;
  httpStatus: number;
  errorCodes: string[];
  apiKeyId: number | null;
  /** Set on answers the response cache gave without Apollo. */
  cached?: true;
}

/** The line for one request, also written for answers Apollo never saw (server.ts). */
export function requestLogLine({
  requestId,
  operation,
  type,
  started,
  httpStatus,
  errorCodes,
  apiKeyId,
  cached,
}: RequestLogEntry): string {
  return JSON.stringify({
    time: new Date().toISOString(),
    requestId,
    operation,
    type,
    durationMs: Number(process.hrtime.bigint() - started) / 1e6,
    status: errorCodes.length === 0 ? 'ok' : 'error',
    httpStatus,
    errorCodes,
    apiKeyId,
    cached,
  });
}

/** The errors as the client saw them (formatError gives database errors their code). */
function shownErrors(
  body: GraphQLResponse['body'],
  errors: readonly GraphQLError[] | undefined,
): readonly { extensions?: Record<string, unknown> }[] {
  return (body.kind === 'single' ? body.singleResult.errors : undefined) ?? errors ?? [];
}

export function requestLog(sink: LogSink): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = process.hrtime.bigint();
      let operationType: string | null = null;
      let operationName = request.operationName ?? null;
      return {
        async didResolveOperation({ operation }) {
          operationType = operation?.operation ?? null;
          operationName = operation?.name?.value ?? operationName;
        },
        async willSendResponse({ response, errors }) {
          sink(
            requestLogLine({
              requestId: requestIdOf(request.http?.headers),
              operation: operationName,
              type: operationType,
              started,
              httpStatus: response.http.status ?? 200,
              errorCodes: [
                ...new Set(
                  shownErrors(response.body, errors).map((error) =>
                    errorCode(error.extensions?.code),
                  ),
                ),
              ],
              apiKeyId: contextValue.principal?.apiKeyId ?? null,
            }),
          );
        },
      };
    },
  };
}

/** A GraphQLError's code as logged; errors that carry none are internal. */
function errorCode(code: unknown): string {
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}
