// A small HTTP client for tests that records every answer, so the OpenAPI check can validate each one afterwards.

import { authorizationHeader } from '../src/auth/credentials.ts';

/** One recorded exchange. */
export interface Exchange {
  method: string;
  /** Path without the query string, as sent (URL-encoded). */
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

/** Every exchange made by any client in this test file. */
export const RECORDED: Exchange[] = [];

/** An answer. */
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Options of one request. */
export interface RequestOptions {
  /** Raw body text (sent as is; e.g. malformed JSON). */
  raw?: string;
  headers?: Record<string, string>;
  /** Send no Authorization header. */
  anonymous?: boolean;
}

/** Calls the admin API with an access key. */
export class ApiClient {
  constructor(readonly baseUrl: string, readonly key?: { accessKeyId: string; secret: string }) {}

  /** The same server with other credentials. */
  as(key: { accessKeyId: string; secret: string } | undefined): ApiClient {
    return new ApiClient(this.baseUrl, key);
  }

  async request<T = any>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.key && !options.anonymous) headers.authorization = authorizationHeader(this.key.accessKeyId, this.key.secret);
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    const parsed = contentType.includes('json') && text !== '' ? JSON.parse(text) : text;
    RECORDED.push({ method: method.toLowerCase(), path: path.split('?')[0], status: res.status, contentType, body: parsed });
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string, options?: RequestOptions) { return this.request<T>('GET', path, undefined, options); }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) { return this.request<T>('POST', path, body, options); }
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) { return this.request<T>('PUT', path, body, options); }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) { return this.request<T>('PATCH', path, body, options); }
  delete<T = any>(path: string, options?: RequestOptions) { return this.request<T>('DELETE', path, undefined, options); }
}

/** `encodeURIComponent` for ARNs in paths. */
export const enc = encodeURIComponent;
