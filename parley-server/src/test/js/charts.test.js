// charts.js: one chart per canvas, all destroyed before a page is replaced.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { bars, destroyAll, line } from '../../main/resources/dashboard/js/charts.js';

let made;

class FakeChart {
  constructor(canvas, config) {
    Object.assign(this, { canvas, config, destroyed: false });
    made.push(this);
  }

  destroy() {
    this.destroyed = true;
  }
}

beforeEach(() => {
  made = [];
  globalThis.window = { Chart: FakeChart };
});

afterEach(() => {
  destroyAll();
  delete globalThis.window;
});

test('drawing on a canvas again replaces its chart', () => {
  const canvas = { id: 'series-messages' };
  line(canvas, [{ t: '2026-11-20T00:00:00Z', value: 4 }], 'Messages', 'day');
  line(canvas, [{ t: '2026-11-20T00:00:00Z', value: 5 }], 'Messages', 'day');
  assert.deepEqual(made.map(c => c.destroyed), [true, false]);
  assert.deepEqual(made[1].config.data.datasets[0].data, [5]);
});

test('destroyAll destroys every chart', () => {
  line({ id: 'a' }, [], 'A', 'hour');
  bars({ id: 'b' }, ['1', '5'], [2, 7], 'Ratings');
  destroyAll();
  assert.ok(made.every(c => c.destroyed));
  assert.deepEqual(made[1].config.data, {
    labels: ['1', '5'], datasets: [{ label: 'Ratings', data: [2, 7], backgroundColor: '#4f46e5', borderRadius: 4 }],
  });
});

test('line labels are hours for an hourly series and days for a daily one', () => {
  const t = '2026-11-20T15:00:00Z';
  line({ id: 'h' }, [{ t, value: 1 }], 'H', 'hour');
  line({ id: 'd' }, [{ t, value: 1 }], 'D', 'day');
  assert.deepEqual(made.map(c => c.config.data.labels[0]), [
    new Date(t).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit' }),
    new Date(t).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }),
  ]);
});

test('without Chart.js loaded, nothing is drawn and nothing fails', () => {
  delete globalThis.window.Chart;
  line({ id: 'x' }, [{ t: '2026-11-20T00:00:00Z', value: 1 }], 'X', 'day');
  assert.equal(made.length, 0);
});
