// Models and drivers: what each model costs and how its conversations go, and which actions,
// components, media and models go with conversations that convert.
import { get } from './api.js';
import { el, num, pct, duration, money, points, table, card } from './dom.js';

const KINDS = [
  { by: 'action', title: 'Actions' },
  { by: 'component', title: 'Components' },
  { by: 'media', title: 'Media' },
  { by: 'model', title: 'Models' },
];

export async function renderModels(root, { signal }) {
  const [models, summary, ...attributions] = await Promise.all([
    get('breakdown', { by: 'model' }, { signal }),
    get('summary', {}, { signal }),
    ...KINDS.map(({ by }) => get('attribution', { by }, { signal })),
  ]);
  const currency = summary.cost?.currency || '';
  root.append(el('h1', {}, 'Models and drivers'));
  const groups = models.groups || [];
  root.append(card('Models', groups.length
    ? el('div', { dataset: { table: 'models' } }, table([
      { label: 'Model' }, { label: 'Conversations', num: true }, { label: 'Replies', num: true },
      { label: 'Latency p50', num: true }, { label: 'p90', num: true }, { label: 'Rating', num: true },
      { label: 'Conversion', num: true }, { label: 'Tokens in', num: true }, { label: 'Tokens out', num: true },
      { label: 'Cost', num: true }, { label: 'Unpriced', num: true }],
      groups.map(m => ({ cells: [m.key, num(m.conversations), num(m.messages), duration(m.replyLatencyMs?.p50),
        duration(m.replyLatencyMs?.p90), num(m.avgRating), pct(m.conversionRate), num(m.tokens?.input),
        num(m.tokens?.output), money(m.cost, currency), num(m.unpricedEvents)] }))))
    : el('p', { class: 'empty' }, 'No model named yet: send model and tokens with Message Received.')));
  root.append(el('p', { class: 'note' }, 'Each feature: the conversations that had it against those that did not, '
    + 'largest effect on conversion first. The counts say how many conversations each rate rests on.'));
  root.append(el('div', { class: 'grid two' }, ...KINDS.map(({ by, title }, i) =>
    card(`${title} and conversion`, attributionTable(by, attributions[i].items || [])))));
}

function attributionTable(by, items) {
  if (!items.length) return el('p', { class: 'empty' }, 'Nothing yet.');
  return el('div', { dataset: { attribution: by } }, table([
    { label: by === 'model' ? 'Model' : 'Kind' }, { label: 'With', num: true }, { label: 'Without', num: true },
    { label: 'Conversion with', num: true }, { label: 'without', num: true }, { label: 'Lift', num: true },
    { label: 'Rating lift', num: true }, { label: 'Abandonment lift', num: true }],
  items.map(item => ({ cells: [item.key, num(item.with?.conversations), num(item.without?.conversations),
    pct(item.with?.conversionRate), pct(item.without?.conversionRate), points(item.lift?.conversionRate),
    num(item.lift?.avgRating), points(item.lift?.abandonmentRate)] }))));
}
