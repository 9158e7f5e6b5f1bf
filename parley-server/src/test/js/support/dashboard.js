// The whole dashboard (main.js and every page) in Node: the page of index.html in the fake
// DOM, a fake read API whose answers a test can hold back and release in any order, and a
// clock that moves only when the test says.
import { Document, Event, FormData, Node } from './fake-dom.js';

const DASHBOARD = new URL('../../../main/resources/dashboard/', import.meta.url);
const GLOBALS = ['document', 'window', 'location', 'history', 'fetch', 'Node', 'FormData', 'setTimeout', 'clearTimeout'];

/** The elements of index.html that the scripts use, with the same ids, names and values. */
const PAGE = ['div', {},
  ['header', { class: 'topbar' },
    ['a', { class: 'brand', href: '/', 'data-link': '' }, 'Parley'],
    ['nav', { class: 'tabs' },
      ['a', { href: '/', 'data-link': '', 'data-tab': 'overview' }, 'Overview'],
      ['a', { href: '/conversations', 'data-link': '', 'data-tab': 'conversations' }, 'Conversations'],
      ['a', { href: '/models', 'data-link': '', 'data-tab': 'models' }, 'Models'],
      ['a', { href: '/quality', 'data-link': '', 'data-tab': 'quality' }, 'Data quality']],
    ['form', { class: 'range', id: 'range' },
      ['input', { type: 'date', name: 'from' }],
      ['input', { type: 'date', name: 'to' }],
      ['select', { name: 'preset', value: '7' },
        ...['1', '7', '14', '30', 'custom'].map(days => ['option', { value: days }, days])],
      ['input', { type: 'checkbox', name: 'auto', checked: true }]]],
  ['main', { id: 'app' }],
  ['template', { id: 'login' },
    ['section', { class: 'login card' },
      ['form', { id: 'login-form' },
        ['input', { type: 'password', name: 'token' }],
        ['button', { type: 'submit' }, 'Sign in'],
        ['p', { class: 'error', hidden: '' }]]]]];

/** The ids, names, tabs and option values of PAGE, which index.html must have too. */
export const PAGE_HOOKS = (function hooks([, attrs = {}, ...children]) {
  const own = Object.entries(attrs).filter(([name]) => ['id', 'name', 'data-tab'].includes(name)
    || (name === 'value' && !('name' in attrs)));
  return [...own, ...children.filter(Array.isArray).flatMap(hooks)];
})(PAGE);

/** Canned answers of the read API, per path; a function receives the query. */
export function defaultAnswers() {
  return {
    summary: { conversations: 3, conversationsStarted: 3, abandoned: 1, users: 2, feedback: { distribution: {} } },
    timeseries: { points: [] },
    conversations: { items: [{ conversationId: 'conv-1', userId: 'user-1', status: 'ended', outcomes: [] }], next: null },
    'conversations/conv-1': { conversationId: 'conv-1', status: 'ended', events: [], findings: [] },
    violations: { counts: [], latest: [] },
    breakdown: { by: 'model', groups: [] },
    attribution: { items: [] },
  };
}

/**
 * A fake read API. Requests are answered at once from the answers, except on a path that
 * is held: those wait until the test releases or fails them. Like a browser's fetch, an
 * aborted request rejects with an AbortError, unless ignoreAbort is set (as if the answer
 * had already arrived when the abort came).
 */
export class FakeApi {
  constructor(answers = defaultAnswers()) {
    this.answers = answers;
    this.requests = [];
    this.holds = new Map();
    this.ignoreAbort = false;
    this.acceptedToken = 'adm_test';
    this.signedIn = true;
  }

  /** Holds back the next request to this path until the returned hold is released or failed. */
  hold(path) {
    const hold = new Hold();
    this.holds.set(path, hold);
    return hold;
  }

  /** The requests made so far to this path (without /api/v1/ and the query). */
  requestsTo(path) {
    return this.requests.filter(r => r.path === path);
  }

  fetch = (url, init = {}) => {
    const parsed = new URL(url, 'http://parley.test');
    if (parsed.pathname === '/login') {
      this.signedIn = JSON.parse(init.body).token === this.acceptedToken;
      return Promise.resolve(new Response(null, { status: this.signedIn ? 204 : 401 }));
    }
    const path = parsed.pathname.replace(/^\/api\/v1\//, '');
    const request = { path, query: Object.fromEntries(parsed.searchParams), signal: init.signal };
    this.requests.push(request);
    const hold = this.holds.get(path);
    if (hold) this.holds.delete(path);
    const answer = (hold ? hold.outcome : Promise.resolve(null)).then(failure => this.respond(path, request.query, failure));
    if (!init.signal || this.ignoreAbort) return answer;
    return new Promise((resolve, reject) => {
      const abort = () => reject(new DOMException('The operation was aborted.', 'AbortError'));
      if (init.signal.aborted) return abort();
      init.signal.addEventListener('abort', abort, { once: true });
      answer.then(resolve, reject);
    });
  };

  respond(path, query, failure) {
    if (!this.signedIn) return json({}, 401);
    if (failure) return json({ error: failure.error }, failure.status);
    const answer = this.answers[path];
    if (answer === undefined) return json({ error: `no such path ${path}` }, 404);
    return json(typeof answer === 'function' ? answer(query) : answer);
  }
}

class Hold {
  constructor() {
    this.outcome = new Promise(resolve => { this.settle = resolve; });
  }

  release() {
    this.settle(null);
  }

  fail(status, error) {
    this.settle({ status, error });
  }
}

function json(body, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Timers that fire only when advance() moves the time past them. */
export class FakeClock {
  constructor() {
    this.now = 0;
    this.timers = new Map();
    this.nextId = 1;
  }

  setTimeout = (fn, ms = 0) => {
    const id = this.nextId++;
    this.timers.set(id, { fn, at: this.now + ms });
    return id;
  };

  clearTimeout = id => {
    this.timers.delete(id);
  };

  pending() {
    return this.timers.size;
  }

  advance(ms) {
    this.now += ms;
    for (const [id, timer] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.now || !this.timers.has(id)) continue;
      this.timers.delete(id);
      timer.fn();
    }
  }
}

/** Lets every pending promise and answer run, until check() holds (or fails the test). */
export async function until(check, what = 'the condition') {
  for (let turn = 0; turn < 200; turn++) {
    if (check()) return;
    await new Promise(resolve => setImmediate(resolve));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Lets everything that is ready run, for when a test expects nothing to change. */
export async function settle() {
  for (let turn = 0; turn < 50; turn++) await new Promise(resolve => setImmediate(resolve));
}

let loads = 0;

/**
 * Opens the dashboard at a path: a fresh page, API and clock, and a fresh instance of
 * main.js (the other modules are shared). Call close() after the test.
 */
export async function openDashboard(path = '/', { api = new FakeApi() } = {}) {
  const document = new Document();
  document.body.append(document.build(PAGE));
  const window = new Node(null);
  const clock = new FakeClock();
  const location = new URL(path, 'http://parley.test');
  const history = {
    pushState: (_, __, to) => { location.href = new URL(to, location).href; },
    replaceState: (_, __, to) => { location.href = new URL(to, location).href; },
  };
  const saved = Object.fromEntries(GLOBALS.map(name => [name, globalThis[name]]));
  Object.assign(globalThis, {
    document, window, location, history, fetch: api.fetch, Node, FormData,
    setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout,
  });
  const main = await import(new URL(`js/main.js?load=${++loads}`, DASHBOARD));
  const app = document.getElementById('app');
  return {
    main, api, clock, document, window, location, app,
    heading: () => app.querySelector('h1')?.textContent ?? null,
    activeTab: () => document.querySelector('.tabs a.active')?.dataset.tab ?? null,
    /** Follows a link as a click on it does. */
    click: element => element.dispatchEvent(new Event('click')),
    /** Goes back to a path, as the browser's back button does. */
    back: to => {
      location.href = new URL(to, location).href;
      window.dispatchEvent(new Event('popstate'));
    },
    close: () => Object.assign(globalThis, saved),
  };
}

export { Event };
