import type { ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { Context } from '../schema/context.js';
import { graphqlError } from '../schema/errors.js';
import { jsonSize } from './json-size.js';

/**
 * Replaces an answer whose JSON would be larger than `maxBytes` with a RESPONSE_TOO_LARGE error
 * (`data: null`) before Yoga serialises it, so no answer of hundreds of megabytes is built as a
 * string and sent. The cost limit keeps such answers from being computed at all; this is the
 * ceiling for what an estimate lets through. The operations of one batched request share the
 * ceiling, as they share one HTTP answer; each event of a subscription stream has its own.
 */
export function useResponseSize(maxBytes: number): Plugin<Context> {
  const spentByRequest = new WeakMap<object, number>();

  /**
   * Measures one result and replaces it when it does not fit in what is left.
   * @returns The bytes the result, as answered, takes.
   */
  const fit = (result: ExecutionResult, setResult: (result: ExecutionResult) => void, spent: number): number => {
    const size = jsonSize(result, maxBytes - spent);
    if (spent + size <= maxBytes) return size;
    const refusal = { errors: [graphqlError('RESPONSE_TOO_LARGE', { spent, maxResponseBytes: maxBytes })], data: null };
    setResult(refusal);
    return jsonSize(refusal, Infinity);
  };

  return {
    onExecute({ args }) {
      const request: object | undefined = args.contextValue.request;
      return {
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            if (!request) {
              fit(result, setResult, 0);
              return;
            }
            const spent = spentByRequest.get(request) ?? 0;
            spentByRequest.set(request, spent + fit(result, setResult, spent));
          }),
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => void fit(result, setResult, 0)),
      };
    },
  };
}
