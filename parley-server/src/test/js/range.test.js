// range.js: the range the read API is asked for, and the charts' interval.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intervalFor, rangeFor } from '../../main/resources/dashboard/js/range.js';

const NOW = Date.parse('2026-11-20T15:30:00Z');

test('a preset counts back its days from now, until now', () => {
  assert.deepEqual(rangeFor({ preset: '7', from: '', to: '' }, NOW), {
    from: '2026-11-13T15:30:00.000Z', to: null, fromDay: '2026-11-13', toDay: '2026-11-20',
  });
  assert.equal(rangeFor({ preset: '1', from: '2020-01-01', to: '' }, NOW).from, '2026-11-19T15:30:00.000Z');
});

test('a custom range runs from the start of its first day to the end of its last, in UTC', () => {
  assert.deepEqual(rangeFor({ preset: 'custom', from: '2026-11-01', to: '2026-11-02' }, NOW), {
    from: '2026-11-01T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z', fromDay: '2026-11-01', toDay: '2026-11-02',
  });
});

test('a custom range without a last day runs until now; without a first day it changes nothing', () => {
  assert.equal(rangeFor({ preset: 'custom', from: '2026-11-01', to: '' }, NOW).to, '2026-11-20T15:30:00.000Z');
  assert.equal(rangeFor({ preset: 'custom', from: '', to: '2026-11-02' }, NOW), null);
});

test('charts count by the hour up to three days and by the day beyond', () => {
  const daysBack = days => new Date(NOW - days * 864e5).toISOString();
  assert.equal(intervalFor({ from: daysBack(1), to: null }, NOW), 'hour');
  assert.equal(intervalFor({ from: daysBack(3), to: null }, NOW), 'hour');
  assert.equal(intervalFor({ from: daysBack(3.01), to: null }, NOW), 'day');
  assert.equal(intervalFor({ from: '2026-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' }, NOW), 'hour');
  assert.equal(intervalFor({ from: null, to: null }, NOW), 'day', 'the read API\'s default of 7 days');
});
