import { get, type IncomingMessage } from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseConnection {
  status: number;
  contentType: string | null;
  messages: EventSourceMessage[];
  comments: string[];
  /** Resolves once `count` messages arrived (rejects after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<EventSourceMessage[]>;
  waitForComment(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Leaves, as a browser tab that closes does. */
  close(): void;
}

/**
 * A real SSE client over HTTP, parsed by `eventsource-parser` (what EventSource polyfills use). One
 * socket per connection (no pooled keep-alive), so leaving closes the connection as a browser does.
 */
export async function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  let left = false;
  const request = get(url, { agent: false, headers: { accept: 'text/event-stream', ...headers } });
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  const messages: EventSourceMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const parser = createParser({
    onEvent: (message) => {
      messages.push(message);
      notify();
    },
    onComment: (comment) => {
      comments.push(comment.trim());
      notify();
    },
  });

  const ended = (async () => {
    response.setEncoding('utf8');
    try {
      for await (const chunk of response) parser.feed(chunk as string);
    } catch (error) {
      if (!left) throw error;
    }
  })();
  ended.catch(() => {});

  const waitUntil = (done: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; got ${messages.length} messages`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    status: response.statusCode ?? 0,
    contentType: response.headers['content-type'] ?? null,
    messages,
    comments,
    async waitForMessages(count, timeoutMs = 20_000) {
      await waitUntil(() => messages.length >= count, `${count} messages`, timeoutMs);
      return messages.slice(0, count);
    },
    waitForComment: (text, timeoutMs = 20_000) =>
      waitUntil(() => comments.includes(text), `comment ${JSON.stringify(text)}`, timeoutMs),
    ended,
    close: () => {
      left = true;
      request.destroy();
    },
  };
}
