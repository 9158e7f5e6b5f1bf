// api.js: what each call asks the read API, and how its answers come back.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Unauthorized, currentRange, get, login, setRange } from '../../main/resources/dashboard/js/api.js';

let calls;
let answer;

beforeEach(() => {
  calls = [];
  answer = () => new Response('{}', { status: 200 });
  setRange(null, null);
  globalThis.fetch = async (url, init) => {
    calls.push({ url, init });
    return answer();
  };
});

afterEach(() => {
  delete globalThis.fetch;
});

test('a call sends the range and the parameters that have a value', async () => {
  setRange('2026-11-13T00:00:00.000Z', '2026-11-20T00:00:00.000Z');
  await get('conversations', { status: 'ended', userId: '', q: null, cursor: undefined, limit: 25 });
  const url = new URL(calls[0].url, 'http://parley.test');
  assert.equal(url.pathname, '/api/v1/conversations');
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    from: '2026-11-13T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z', status: 'ended', limit: '25',
  });
  assert.equal(calls[0].init.credentials, 'same-origin');
  assert.equal(calls[0].init.headers.Accept, 'application/json');
});

test('without a range or parameters the path goes alone; withRange false leaves the range out', async () => {
  await get('summary');
  setRange('2026-11-13T00:00:00.000Z', null);
  await get('conversations/conv-1', {}, { withRange: false });
  await get('summary');
  assert.deepEqual(calls.map(c => c.url), [
    '/api/v1/summary', '/api/v1/conversations/conv-1', '/api/v1/summary?from=2026-11-13T00%3A00%3A00.000Z',
  ]);
  assert.deepEqual(currentRange(), { from: '2026-11-13T00:00:00.000Z', to: null });
});

test('the signal goes with the request, so a load that is replaced cancels it', async () => {
  const controller = new AbortController();
  await get('summary', {}, { signal: controller.signal });
  assert.equal(calls[0].init.signal, controller.signal);
});

test('the body of a successful answer is returned', async () => {
  answer = () => new Response('{"conversations":3}', { status: 200 });
  assert.deepEqual(await get('summary'), { conversations: 3 });
});

test('401 throws Unauthorized, so the page can ask to sign in', async () => {
  answer = () => new Response('', { status: 401 });
  await assert.rejects(get('summary'), Unauthorized);
});

test('another failure throws the error the API gave, else the status', async () => {
  answer = () => new Response('{"error":"from must be before to","parameter":"from"}', { status: 400 });
  await assert.rejects(get('summary'), { message: 'from must be before to' });
  answer = () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
  await assert.rejects(get('summary'), { message: '502 Bad Gateway' });
});

test('signing in posts the token and says whether it was accepted', async () => {
  answer = () => new Response(null, { status: 204 });
  assert.equal(await login('adm_1'), true);
  assert.equal(calls[0].url, '/login');
  assert.equal(calls[0].init.method, 'POST');
  assert.deepEqual(JSON.parse(calls[0].init.body), { token: 'adm_1' });
  answer = () => new Response('{}', { status: 401 });
  assert.equal(await login('wrong'), false);
});
