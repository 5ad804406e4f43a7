// Talking to the server's API under /api/v1: JSON in, JSON out, and every refusal turned into
// an ApiError whose message is translated (the server's own message is English, for operators
// and logs; a delegate must read Chinese).
//
//   const status = await api.get('/kiosk');
//   await api.post('/kiosk/pairing', { code });
//   catch (error) { setText(el, ...errorText(error, 'pairing')) }

import { hasKey, t } from './i18n.js';

/** Where the API lives. */
export const API_BASE = '/api/v1';
/** How long a request may take before it counts as a network failure. */
export const DEFAULT_TIMEOUT_MS = 15000;

/** A request that failed: refused by the server, or never answered. */
export class ApiError extends Error {
  constructor({ status, code, message, requestId, details }) {
    super(message || code);
    this.name = 'ApiError';
    /** HTTP status; 0 when no answer came (network failure or time-out). */
    this.status = status;
    /** The server's stable error code, or `network` / `timeout` / `http_NNN`. */
    this.code = code;
    /** The request id the server gave, for the operator's log. */
    this.requestId = requestId || '';
    /** Structured details some refusals carry (such as a roster's bad rows). */
    this.details = details;
  }

  /** True when the request may not have reached the server, or its answer was lost. */
  get uncertain() {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/**
 * Sends `method` to `path` (under /api/v1) with `body` as JSON; resolves to the answer's JSON
 * (null for 204), rejects with an ApiError.
 */
export async function request(method, path, body, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  init.signal = controller.signal;
  let response;
  let text;
  try {
    response = await fetch(API_BASE + path, init);
    text = await response.text();
  } catch (cause) {
    throw new ApiError({ status: 0, code: timedOut ? 'timeout' : 'network', message: String(cause) });
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    throw new ApiError({
      status: response.status,
      code: error.code || `http_${response.status}`,
      message: error.message || text,
      requestId: error.request_id || response.headers.get('x-request-id'),
      details: error.details,
    });
  }
  return data;
}

/** The API's verbs. */
export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body, options) => request('POST', path, body ?? {}, options),
  put: (path, body, options) => request('PUT', path, body, options),
  delete: (path, options) => request('DELETE', path, undefined, options),
};

/** An id or number as one segment of a path. */
export function segment(value) {
  return encodeURIComponent(String(value));
}

/**
 * The translation of a failure as [key, params], for setText(element, ...errorText(error, where)).
 * A code may mean different things in different places (not_found at the kiosk is an unknown
 * card, at the desk an unknown delegate), so `where` is tried first: error.<where>.<code>, then
 * error.<code>, then a general message with the status.
 */
export function errorText(error, where) {
  const code = error instanceof ApiError ? error.code : 'network';
  const params = { requestId: error?.requestId || '—', status: error?.status ?? 0 };
  for (const key of [where && `error.${where}.${code}`, `error.${code}`]) {
    if (key && hasKey(key)) return [key, params];
  }
  if (error instanceof ApiError && error.status >= 500) return ['error.server', params];
  return ['error.unknown', params];
}

/** The translated message of a failure, as text. */
export function errorMessage(error, where) {
  const [key, params] = errorText(error, where);
  return t(key, params);
}
