/**
 * One JSON line per request: time, operation name and type, duration, status, error codes and
 * the key's prefix-free id. Never the key, the variables or any verdict text.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';

export type LogSink = (line: string) => void;

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
          const codes = [...new Set((errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          sink(JSON.stringify({
            time: new Date().toISOString(),
            operation: operationName,
            type: operationType,
            durationMs: Number(process.hrtime.bigint() - started) / 1e6,
            status: codes.length === 0 ? 'ok' : 'error',
            httpStatus: response.http.status ?? 200,
            errorCodes: codes,
            apiKeyId: contextValue.principal?.apiKeyId ?? null,
          }));
        },
      };
    },
  };
}
