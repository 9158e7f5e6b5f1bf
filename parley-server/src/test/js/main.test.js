// main.js: which page a URL shows, and that only the newest navigation or refresh may
// change the page, however late an older answer lands.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Event, FakeApi, PAGE_HOOKS, defaultAnswers, openDashboard, settle, until } from './support/dashboard.js';

let dashboard;

async function open(path, api) {
  dashboard = await openDashboard(path, { api });
  return dashboard;
}

afterEach(() => dashboard?.close());

const shows = (d, heading) => until(() => d.heading() === heading, `the heading "${heading}"`);

test('the page these tests build has the ids, names and tabs of index.html', async () => {
  const html = await readFile(new URL('../../main/resources/dashboard/index.html', import.meta.url), 'utf8');
  for (const [attribute, value] of PAGE_HOOKS) assert.ok(html.includes(`${attribute}="${value}"`), `${attribute}="${value}"`);
});

test('each URL opens its page and marks its tab', async () => {
  for (const [path, heading, tab] of [
    ['/', 'Overview', 'overview'],
    ['/conversations', 'Conversations', 'conversations'],
    ['/conversations/conv-1', 'Conversation conv-1', 'conversations'],
    ['/quality', 'Data quality', 'quality'],
    ['/models', 'Models and drivers', 'models'],
  ]) {
    const d = await open(path);
    await shows(d, heading);
    assert.equal(d.activeTab(), tab, path);
    d.close();
  }
});

test('a slow overview that lands after navigating to a transcript does not replace it', async () => {
  const api = new FakeApi();
  const summary = api.hold('summary');
  const d = await open('/', api);
  await until(() => api.requestsTo('summary').length === 1, 'the summary request');

  d.main.navigate('/conversations/conv-1');
  await shows(d, 'Conversation conv-1');
  summary.release();
  await settle();

  assert.equal(d.heading(), 'Conversation conv-1');
  assert.equal(d.app.querySelector('.tiles [data-metric]'), null, 'no overview tile');
  assert.equal(d.activeTab(), 'conversations');
});

test('an answer that can no longer be cancelled is dropped all the same', async () => {
  const api = new FakeApi();
  api.ignoreAbort = true;
  const summary = api.hold('summary');
  const d = await open('/', api);
  await until(() => api.requestsTo('summary').length === 1, 'the summary request');

  d.main.navigate('/conversations/conv-1');
  await shows(d, 'Conversation conv-1');
  summary.release();
  await settle();

  assert.equal(d.heading(), 'Conversation conv-1');
});

test('leaving a page cancels its requests', async () => {
  const api = new FakeApi();
  api.hold('summary');
  const d = await open('/', api);
  await until(() => api.requestsTo('summary').length === 1, 'the summary request');

  d.click(d.document.querySelector('[data-tab=quality]'));
  await shows(d, 'Data quality');

  assert.equal(api.requestsTo('summary')[0].signal?.aborted, true);
});

test('a refresh that lands after navigating away is dropped', async () => {
  const api = new FakeApi();
  const d = await open('/', api);
  await shows(d, 'Overview');
  const refresh = api.hold('summary');
  d.clock.advance(10_000);
  await until(() => api.requestsTo('summary').length === 2, 'the refresh');

  d.click(d.document.querySelector('[data-tab=quality]'));
  await shows(d, 'Data quality');
  refresh.release();
  await settle();

  assert.equal(d.heading(), 'Data quality');
  assert.equal(d.activeTab(), 'quality');
});

test('a late failure of a page left behind shows no error', async () => {
  const api = new FakeApi();
  api.ignoreAbort = true;
  const summary = api.hold('summary');
  const d = await open('/', api);
  await until(() => api.requestsTo('summary').length === 1, 'the summary request');

  d.main.navigate('/conversations/conv-1');
  await shows(d, 'Conversation conv-1');
  summary.fail(500, 'the store is closing');
  await settle();

  assert.equal(d.heading(), 'Conversation conv-1');
  assert.equal(d.app.querySelector('.error'), null);
});

test('after the range changes, a late answer for the old range does not replace the new one', async () => {
  const answers = defaultAnswers();
  const weekAgo = Date.now() - 7 * 864e5;
  answers.summary = query => ({
    ...defaultAnswers().summary,
    conversations: Date.parse(query.from) < weekAgo + 36e5 ? 70 : 10,
  });
  const api = new FakeApi(answers);
  const weekSummary = api.hold('summary');
  const d = await open('/', api);
  await until(() => api.requestsTo('summary').length === 1, 'the summary request');

  const preset = d.document.getElementById('range').elements.preset;
  preset.value = '1';
  preset.dispatchEvent(new Event('change'));
  const tile = () => d.app.querySelector('[data-metric=conversations] .value')?.textContent;
  await until(() => tile() === '10', 'the last day\'s numbers');
  weekSummary.release();
  await settle();

  assert.equal(tile(), '10');
});

for (const [ignoreAbort, how] of [[false, 'cancelled'], [true, 'that cannot be cancelled']]) {
  test(`within the conversations page, a late answer to an older filter (${how}) does not replace a newer one`, async () => {
    const answers = defaultAnswers();
    answers.conversations = query => ({
      items: [{ conversationId: `conv-${query.status || 'any'}`, status: query.status || 'open', outcomes: [] }],
      next: null,
    });
    const api = new FakeApi(answers);
    api.ignoreAbort = ignoreAbort;
    const d = await open('/conversations', api);
    await until(() => d.app.querySelector('#conversation-results tbody tr'), 'the first page');
    const filters = d.document.getElementById('conversation-filters');
    const rows = () => d.app.querySelectorAll('#conversation-results tbody tr').map(tr => tr.textContent);

    const olderFilter = api.hold('conversations');
    filters.elements.status.value = 'open';
    filters.dispatchEvent(new Event('submit'));
    filters.elements.status.value = 'ended';
    filters.dispatchEvent(new Event('submit'));
    await until(() => rows().some(r => r.includes('conv-ended')), 'the ended conversations');
    olderFilter.release();
    await settle();

    assert.equal(rows().length, 1);
    assert.match(rows()[0], /conv-ended/);
    assert.equal(d.location.search, '?status=ended');
  });
}

test('only the overview, models and data quality refresh, every 10 seconds', async () => {
  const api = new FakeApi();
  const d = await open('/', api);
  await shows(d, 'Overview');
  d.clock.advance(9_999);
  assert.equal(api.requestsTo('summary').length, 1);
  d.clock.advance(1);
  await until(() => api.requestsTo('summary').length === 2, 'the refresh');
  await settle();

  d.main.navigate('/conversations/conv-1');
  await shows(d, 'Conversation conv-1');
  d.clock.advance(60_000);
  await settle();

  assert.equal(api.requestsTo('summary').length, 2);
  assert.equal(d.clock.pending(), 0, 'no refresh waits');
});

test('turning auto-refresh off stops the refreshes', async () => {
  const api = new FakeApi();
  const d = await open('/quality', api);
  await shows(d, 'Data quality');
  const range = d.document.getElementById('range');
  range.elements.auto.checked = false;
  range.elements.auto.dispatchEvent(new Event('change'));
  await until(() => api.requestsTo('violations').length === 2, 'the reload');
  await settle();

  d.clock.advance(60_000);
  await settle();
  assert.equal(api.requestsTo('violations').length, 2);
});

test('a refresh that fails leaves the page as it was', async () => {
  const api = new FakeApi();
  const d = await open('/', api);
  await shows(d, 'Overview');
  api.hold('summary').fail(503, 'busy');
  d.clock.advance(10_000);
  await until(() => api.requestsTo('summary').length === 2, 'the refresh');
  await settle();

  assert.equal(d.heading(), 'Overview');
  assert.equal(d.app.querySelector('.error'), null);
});

test('a page that fails to load says why', async () => {
  const api = new FakeApi();
  api.hold('conversations/conv-1').fail(404, 'no conversation conv-1');
  const d = await open('/conversations/conv-1', api);
  await until(() => d.app.querySelector('.error'), 'the error');

  assert.equal(d.app.querySelector('.error').textContent, 'Could not load this page: no conversation conv-1');
});

test('without a session the sign-in form shows, and signing in opens the page', async () => {
  const api = new FakeApi();
  api.signedIn = false;
  const d = await open('/quality', api);
  await until(() => d.document.getElementById('login-form'), 'the sign-in form');
  assert.equal(d.clock.pending(), 0, 'no refresh behind the form');

  const form = d.document.getElementById('login-form');
  form.elements.token.value = 'wrong';
  form.dispatchEvent(new Event('submit'));
  await until(() => !form.querySelector('.error').hidden, 'the refusal');
  assert.equal(form.querySelector('.error').textContent, 'That token was not accepted.');

  form.elements.token.value = api.acceptedToken;
  form.dispatchEvent(new Event('submit'));
  await shows(d, 'Data quality');
});

test('the back button shows the page of the URL it returns to', async () => {
  const d = await open('/quality');
  await shows(d, 'Data quality');
  d.main.navigate('/conversations/conv-1');
  await shows(d, 'Conversation conv-1');

  d.back('/quality');
  await shows(d, 'Data quality');
  assert.equal(d.activeTab(), 'quality');
});
