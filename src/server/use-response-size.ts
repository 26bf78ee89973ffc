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
  const fit = (result: ExecutionResult, setResult: (result: ExecutionResult) => void, spent: number, serialise = false): number => {
    const size = serialise ? serialisedSize(result, maxBytes - spent) : jsonSize(result, maxBytes - spent);
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
              fit(result, setResult, 0, true);
              return;
            }
            const spent = spentByRequest.get(request) ?? 0;
            spentByRequest.set(request, spent + fit(result, setResult, spent, true));
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

/** Each result serialised by serialisedSize: its JSON text and that text's UTF-8 bytes, made once. */
const serialised = new WeakMap<object, { readonly text: string; readonly bytes: Buffer }>();

/**
 * The UTF-8 bytes of `body` when it is the JSON text serialisedSize made of `result`: the fast path
 * sends them as they are, instead of measuring the string again for its length and encoding it
 * again on write (the aggregate's answer is ~370 KB).
 */
export function serialisedBytes(result: unknown, body: string): Buffer | undefined {
  const known = typeof result === 'object' && result !== null ? serialised.get(result) : undefined;
  return known !== undefined && known.text === body ? known.bytes : undefined;
}

/**
 * The size of a query's answer, found by serialising it when Yoga's serialiser would write exactly
 * `JSON.stringify(result)` (no errors, no `extensions`: Yoga rewrites those): the string is kept on
 * the result as its `stringify`, which Yoga's serialiser calls, so the answer is serialised once
 * instead of walked and then serialised (the uncached aggregate at 1,000 pages, 217 KB: 13.8 →
 * 12.0 ms of CPU a request, scratch A/B in one process). Its bytes are encoded once, here, and
 * kept for the fast path (serialisedBytes). Other results are walked (jsonSize). A result changed
 * after this is serialised afresh: the kept string only answers for the very object it was made
 * from. An answer too long for a string at all is over any limit.
 */
function serialisedSize(result: ExecutionResult, limit: number): number {
  if (result.errors !== undefined || result.extensions !== undefined) return jsonSize(result, limit);
  let text: string;
  try {
    text = JSON.stringify(result);
  } catch (error) {
    // Yoga's serialiser throws the same later, where it always did.
    return error instanceof RangeError ? Infinity : jsonSize(result, limit);
  }
  // Over the limit in UTF-16 units is over it in bytes too: no need to encode it.
  if (text.length > limit) return text.length;
  const bytes = Buffer.from(text);
  if (bytes.length <= limit) {
    const answered = result;
    serialised.set(result, { text, bytes });
    Object.defineProperty(result, 'stringify', { value: (value: unknown) => (value === answered ? text : JSON.stringify(value)), configurable: true, writable: true });
  }
  return bytes.length;
}
