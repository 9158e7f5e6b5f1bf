// loads.js: only the newest load stays live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newestOnly } from '../../main/resources/dashboard/js/loads.js';

test('beginning a load aborts the one before, and only that one', () => {
  const begin = newestOnly();
  const first = begin();
  assert.equal(first.aborted, false);
  const second = begin();
  const third = begin();
  assert.deepEqual([first.aborted, second.aborted, third.aborted], [true, true, false]);
});

test('separate sets of loads do not abort each other', () => {
  const pages = newestOnly();
  const filters = newestOnly();
  const page = pages();
  filters();
  filters();
  assert.equal(page.aborted, false);
});

test('aborting the parent aborts the current load, and later loads begin aborted', () => {
  const parent = new AbortController();
  const begin = newestOnly(parent.signal);
  const current = begin();
  parent.abort();
  assert.equal(current.aborted, true);
  assert.equal(begin().aborted, true);
});
