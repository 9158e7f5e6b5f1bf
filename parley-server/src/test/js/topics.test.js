// topics.js: the trend line of a topic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sparkline } from '../../main/resources/dashboard/js/topics.js';

test('a trend is scaled to its own largest point, one character per point', () => {
  assert.equal(sparkline([{ value: 0 }, { value: 4 }, { value: 8 }]), '▁▅█');
  assert.equal(sparkline([{ value: 3 }, { value: 3 }]), '██');
});

test('an empty or all-zero trend is a flat line', () => {
  assert.equal(sparkline([]), '');
  assert.equal(sparkline([{ value: 0 }, { value: 0 }]), '▁▁');
  assert.equal(sparkline([{ value: null }]), '▁');
});
