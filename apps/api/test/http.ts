import type { createApp } from '../src/index.ts';

export type App = ReturnType<typeof createApp>;
export const TOKEN = 'test-token-0123456789';

export interface HttpResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are checked field by field
  body: any;
  text: string;
}

export interface HttpClient {
  request(path: string, init?: RequestInit): Promise<HttpResult>;
  get(path: string, headers?: Record<string, string>): Promise<HttpResult>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<HttpResult>;
}

/** Small helpers over `app.request` that keep tests short. */
export function httpClient(app: App): HttpClient {
  const request = async (path: string, init?: RequestInit): Promise<HttpResult> => {
    const response = await app.request(path, init);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body, text };
  };
  return {
    request,
    get: (path: string, headers?: Record<string, string>) => request(path, { headers }),
    post: (
      path: string,
      body: unknown,
      headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
    ) =>
      request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

/** `order/1 ü%` as one path segment. */
export const seg = (id: string) => encodeURIComponent(id);
