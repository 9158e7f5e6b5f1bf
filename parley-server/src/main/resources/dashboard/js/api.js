// The read API, authenticated by the session cookie that the login sets.

export class Unauthorized extends Error {}

const range = { from: null, to: null };

/** Sets the date range every call sends (ISO-8601 instants). */
export function setRange(from, to) {
  range.from = from;
  range.to = to;
}

export function currentRange() {
  return { ...range };
}

/**
 * GET /api/v1/{path} with the range and the given parameters; throws Unauthorized on 401.
 * An aborted signal cancels the request (it then rejects with an AbortError).
 */
export async function get(path, params = {}, { withRange = true, signal } = {}) {
  const query = new URLSearchParams();
  if (withRange && range.from) query.set('from', range.from);
  if (withRange && range.to) query.set('to', range.to);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  const response = await fetch(`/api/v1/${path}${query.size ? `?${query}` : ''}`, {
    credentials: 'same-origin', headers: { Accept: 'application/json' }, signal,
  });
  if (response.status === 401) throw new Unauthorized();
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

/** Exchanges an admin token for a session cookie. */
export async function login(token) {
  const response = await fetch('/login', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }),
  });
  return response.ok;
}
