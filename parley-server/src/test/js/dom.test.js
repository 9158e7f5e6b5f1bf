// dom.js: formatting, and that data reaches the page only as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Document, Element, Event, Node, Text } from './support/fake-dom.js';
import { card, clear, duration, el, money, num, pct, points, table, when } from '../../main/resources/dashboard/js/dom.js';

// The locale's own digits and separators: what is tested is the rounding, units and blanks.
const n = value => new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);

before(() => Object.assign(globalThis, { document: new Document(), Node }));
after(() => Object.assign(globalThis, { document: undefined, Node: undefined }));

test('numbers keep at most two decimals; zero is a number and a missing one is a dash', () => {
  assert.equal(num(3), n(3));
  assert.equal(num(1.23456), n(1.23));
  assert.equal(num(0), n(0));
  for (const missing of [null, undefined, NaN]) assert.equal(num(missing), '–');
});

test('a fraction shows as a percentage', () => {
  assert.equal(pct(0.335), `${n(33.5)}%`);
  assert.equal(pct(0), `${n(0)}%`);
  assert.equal(pct(1), `${n(100)}%`);
  assert.equal(pct(null), '–');
  assert.equal(pct(undefined), '–');
});

test('durations take the largest unit below them', () => {
  assert.equal(duration(0), '0 ms');
  assert.equal(duration(849.6), '850 ms');
  assert.equal(duration(999), '999 ms');
  assert.equal(duration(1000), `${n(1)} s`);
  assert.equal(duration(4200), `${n(4.2)} s`);
  assert.equal(duration(90_000), `${n(1.5)} min`);
  assert.equal(duration(3 * 3_600_000), `${n(3)} h`);
  assert.equal(duration(null), '–');
  assert.equal(duration(undefined), '–');
});

test('times show in the reader\'s locale; no time is a dash, and what is not a time shows as sent', () => {
  assert.equal(when('2026-11-20T12:00:00Z'), new Date('2026-11-20T12:00:00Z').toLocaleString());
  assert.equal(when(null), '–');
  assert.equal(when(''), '–');
  assert.equal(when('yesterday-ish'), 'yesterday-ish');
});

test('strings and numbers become text nodes, so markup in data is shown, never run', () => {
  const hostile = '<img src=x onerror="document.title=\'pwned\'">';
  const p = el('p', {}, hostile, ' ', 42);
  assert.ok(p.childNodes.every(child => child instanceof Text));
  assert.equal(p.textContent, `${hostile} 42`);
  assert.equal(p.querySelector('img'), null);
});

test('attributes: class, dataset, flags, listeners; missing values are left out', () => {
  let clicks = 0;
  const button = el('button', {
    class: 'secondary', dataset: { metricName: 'users' }, disabled: true, hidden: false,
    title: null, 'aria-label': undefined, tabindex: 0, onclick: () => clicks++,
  });
  assert.equal(button.className, 'secondary');
  assert.equal(button.getAttribute('data-metric-name'), 'users');
  assert.equal(button.getAttribute('disabled'), '');
  assert.equal(button.getAttribute('tabindex'), '0');
  for (const absent of ['hidden', 'title', 'aria-label', 'onclick']) assert.equal(button.hasAttribute(absent), false, absent);
  button.dispatchEvent(new Event('click'));
  assert.equal(clicks, 1);
});

test('children may come as lists, and null, undefined and false are skipped', () => {
  const list = el('ul', {}, [el('li', {}, 'a'), null], false, [undefined, el('li', {}, 'b')], 'c');
  assert.deepEqual(list.childNodes.map(c => c.textContent), ['a', 'b', 'c']);
});

test('clear empties a node and returns it', () => {
  const div = el('div', {}, el('span'), 'text');
  assert.equal(clear(div), div);
  assert.equal(div.childNodes.length, 0);
});

test('a table marks numeric and narrow columns and passes a clicked row to its handler', () => {
  const clicked = [];
  const t = table([{ label: 'Id' }, { label: 'Count', num: true }, { label: 'When', narrow: true }],
    [{ id: 'a', cells: ['a', '1', 'today'] }, { id: 'b', cells: ['b', '2', 'today'] }], row => clicked.push(row.id));
  assert.deepEqual(t.querySelectorAll('th').map(th => th.className), ['', 'num', 'hide-narrow']);
  assert.deepEqual(t.querySelectorAll('tbody tr').map(tr => tr.textContent), ['a1today', 'b2today']);
  assert.equal(t.querySelectorAll('tr.clickable').length, 2);
  t.querySelectorAll('tbody tr')[1].dispatchEvent(new Event('click'));
  assert.deepEqual(clicked, ['b']);
  assert.equal(table([{ label: 'Id' }], [{ cells: ['a'] }]).querySelector('tr.clickable'), null);
});

test('a card has a heading only when given a title', () => {
  assert.equal(card('Ratings', 'none').querySelector('h2').textContent, 'Ratings');
  const untitled = card(null, el('p'));
  assert.equal(untitled.querySelector('h2'), null);
  assert.ok(untitled instanceof Element && untitled.classList.contains('card'));
});

test('amounts keep their currency and enough digits to tell small costs apart', () => {
  assert.equal(money(null, 'USD'), '–');
  const small = value => new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 }).format(value);
  assert.equal(money(12.3456, 'USD'), `${n(12.35)} USD`);
  assert.equal(money(0.0042137, 'EUR'), `${small(0.004214)} EUR`);
  assert.equal(money(0, 'EUR'), `${small(0)} EUR`);
  assert.equal(money(3), n(3));
});

test('differences of rates read as signed percentage points', () => {
  assert.equal(points(0.125), `+${n(12.5)} pp`);
  assert.equal(points(-0.03), `-${n(3)} pp`);
  assert.equal(points(0), `${n(0)} pp`);
  assert.equal(points(undefined), '–');
});
