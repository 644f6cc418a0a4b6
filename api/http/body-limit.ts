/**
 * The request body limit (LIMITS.maxBodyBytes), in place of graphql-yoga's own.
 *
 * Yoga's limit streams every body through a TransformStream to count its bytes, even when a valid
 * Content-Length already bounds it (Node's HTTP parser never delivers more than Content-Length
 * bytes). Each of those pipes costs an AbortController and a DOMException when it finishes, a large
 * share of the CPU of a small request under load. Here a body with a Content-Length
 * is checked from the header alone; only a body without one (chunked) is counted as it streams.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LIMIT_CODE, LIMITS } from '../core/limits.js';

const CONTENT_LENGTH = /^\d+$/;

function bodyTooLarge(found?: number) {
  const detail = found === undefined ? '' : ` (found ${found})`;
  return new GraphQLError(
    `Request body limit of ${LIMITS.maxBodyBytes} bytes exceeded${detail}; see "Limits" in the README.`,
    {
      extensions: {
        code: LIMIT_CODE,
        limit: 'maxBodyBytes',
        max: LIMITS.maxBodyBytes,
        ...(found === undefined ? {} : { found }),
        http: { status: 413 },
      },
    },
  );
}

export function useRequestBodyLimit(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get('content-length');
      if (contentLength !== null) {
        if (!CONTENT_LENGTH.test(contentLength)) {
          throw new GraphQLError('The Content-Length header is not a byte count.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
        if (Number(contentLength) > LIMITS.maxBodyBytes) throw bodyTooLarge(Number(contentLength));
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((original) => {
        let bytes = 0;
        const counted = original.body!.pipeThrough(
          new fetchAPI.TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              bytes += chunk.byteLength;
              if (bytes > LIMITS.maxBodyBytes) controller.error(bodyTooLarge());
              else controller.enqueue(chunk);
            },
          }),
        );
        return parse(
          new fetchAPI.Request(original.url, {
            method: original.method,
            headers: original.headers,
            signal: original.signal,
            body: counted,
            duplex: 'half',
          } as RequestInit),
        );
      });
    },
  };
}
