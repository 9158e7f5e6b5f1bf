// Data quality: violations by event and code, with examples and how to fix each.
import { get } from './api.js';
import { el, num, when, table, card } from './dom.js';

export async function renderQuality(root, { signal }) {
  const data = await get('violations', {}, { signal });
  root.append(el('h1', {}, 'Data quality'));
  const counts = data.counts || [];
  root.append(card('Violations by event and code', counts.length
    ? table([{ label: 'Event' }, { label: 'Code' }, { label: 'Stored', num: true }, { label: 'Refused', num: true }, { label: 'Total', num: true }],
      counts.map(c => ({ cells: [c.event, el('span', { class: 'badge code' }, c.code), num(c.stored), num(c.refused), num(c.count)] })))
    : el('p', { class: 'empty' }, 'No violations: every event follows the spec.')));
  const latest = data.latest || [];
  if (latest.length) {
    root.append(el('div', { class: 'grid' }, card('Latest examples and how to fix them', table(
      [{ label: 'When', narrow: true }, { label: 'Event' }, { label: 'Code' }, { label: 'Path' }, { label: 'How to fix' }],
      latest.map(e => ({ cells: [when(e.receivedAt), e.event, el('span', { class: 'badge code' }, e.code), e.path, e.message] }))))));
  }
}
