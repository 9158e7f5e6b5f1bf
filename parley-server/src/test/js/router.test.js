// router.js: which page each URL opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { route, transcriptPath } from '../../main/resources/dashboard/js/router.js';

test('each page has its own path, and only the overview, topics, models and data quality refresh', () => {
  assert.deepEqual(route('/topics'), { view: 'topics', tab: 'topics', refresh: true });
  assert.deepEqual(route('/'), { view: 'overview', tab: 'overview', refresh: true });
  assert.deepEqual(route('/models'), { view: 'models', tab: 'models', refresh: true });
  assert.deepEqual(route('/quality'), { view: 'quality', tab: 'quality', refresh: true });
  assert.deepEqual(route('/conversations'), { view: 'conversations', tab: 'conversations', refresh: false });
  assert.deepEqual(route('/conversations/1238041hdou'),
    { view: 'transcript', tab: 'conversations', id: '1238041hdou', refresh: false });
});

test('an unknown path opens the overview', () => {
  assert.equal(route('/nowhere').view, 'overview');
  assert.equal(route('/conversations/').view, 'overview');
});

test('any conversation id survives the trip through its transcript path', () => {
  for (const id of ['conv 1', 'a/b', '100%', 'ü?#&=', '..']) {
    const path = transcriptPath(id);
    assert.match(path, /^\/conversations\/[^/?#]+$/, path);
    assert.equal(route(path).id, id);
  }
});

test('a hand-typed id that is not valid percent-encoding opens as typed', () => {
  assert.equal(route('/conversations/50%off').id, '50%off');
});
