/**
 * HTTP statuses that say who is at fault. A request refused before execution (no `data` in the
 * answer) gets the status of its error code (common/error-codes.ts): 400 for limits and bad
 * input, 401/403 for keys, 5xx only for faults of the server or the database. Apollo already
 * answers parse, validation and variable errors with 400; errors thrown by our own plugins would
 * otherwise be 500. An executed operation keeps 200, with its errors in the body.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ERROR_CODES, isDocumentedCode } from '../common/error-codes';
import type { Context } from '../context';

export function httpStatusByCode(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors || errors.length === 0) return;
          const status = response.http.status;
          if (status !== undefined && status < 500) return;
          const code = errors[0].extensions?.code;
          if (isDocumentedCode(code)) response.http.status = ERROR_CODES[code].httpStatus;
        },
      };
    },
  };
}
