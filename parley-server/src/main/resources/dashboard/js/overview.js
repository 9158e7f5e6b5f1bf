// Overview: the summary as tiles, time series, the rating histogram and the top lists.
import { get, currentRange } from './api.js';
import { intervalFor } from './range.js';
import { el, num, pct, duration, money, table, card } from './dom.js';
import { line, bars } from './charts.js';

const SERIES = [
  { metric: 'conversations', title: 'Conversations' },
  { metric: 'messages', title: 'Messages' },
  { metric: 'avgRating', title: 'Average rating' },
  { metric: 'responseLatencyP50', title: 'Response latency p50 (ms)' },
];

function tile(label, value, sub, key) {
  return el('div', { class: 'card tile', dataset: { metric: key } },
    el('div', { class: 'label' }, label), el('div', { class: 'value' }, value), sub ? el('div', { class: 'sub' }, sub) : null);
}

export async function renderOverview(root, { signal }) {
  const s = await get('summary', {}, { signal });
  const abandonRate = s.conversationsStarted ? s.abandoned / s.conversationsStarted : null;
  const fb = s.feedback || {};
  root.append(el('h1', {}, 'Overview'));
  root.append(el('div', { class: 'tiles' },
    tile('Conversations', num(s.conversations), `${num(s.conversationsStarted)} started · ${num(s.conversationsEnded)} ended`, 'conversations'),
    tile('Abandoned', num(s.abandoned), abandonRate === null ? null : `${pct(abandonRate)} of started`, 'abandoned'),
    tile('Messages', num((s.messagesSent || 0) + (s.messagesReceived || 0)), `${num(s.messagesSent)} sent · ${num(s.messagesReceived)} received`, 'messages'),
    tile('Per conversation', num(s.avgMessagesPerConversation), 'messages on average', 'avgMessagesPerConversation'),
    tile('Response latency p50', duration(s.responseLatencyMs?.p50), `p90 ${duration(s.responseLatencyMs?.p90)} · p99 ${duration(s.responseLatencyMs?.p99)}`, 'latency'),
    tile('Duration p50', duration(s.durationMs?.p50), `p90 ${duration(s.durationMs?.p90)}`, 'duration'),
    tile('Average rating', num(fb.avgRating), `${num(fb.count)} ratings`, 'avgRating'),
    tile('Conversion', pct(s.conversionRate), 'conversations with an outcome', 'conversionRate'),
    tile('Users', num(s.users), null, 'users'),
    tile('Violations', num(s.violations), 'events off the spec', 'violations'),
    tile('Cost', money(s.cost?.total, s.cost?.currency), costNote(s.cost), 'cost'),
    tile('Tokens', num((s.tokens?.input || 0) + (s.tokens?.output || 0)),
      `${num(s.tokens?.input)} in · ${num(s.tokens?.output)} out`, 'tokens'),
  ));

  const seriesGrid = el('div', { class: 'grid two' });
  const canvases = SERIES.map(({ metric, title }) => {
    const canvas = el('canvas', { id: `series-${metric}`, role: 'img', 'aria-label': title });
    seriesGrid.append(card(title, el('div', { class: 'chart' }, canvas)));
    return canvas;
  });
  root.append(seriesGrid);

  const distribution = Object.entries(fb.distribution || {}).sort((a, b) => Number(a[0]) - Number(b[0]));
  const histogram = el('canvas', { id: 'rating-histogram', role: 'img', 'aria-label': 'Ratings' });
  root.append(el('div', { class: 'grid' },
    card('Ratings', distribution.length ? el('div', { class: 'chart' }, histogram) : el('p', { class: 'empty' }, 'No feedback yet.')),
    card('Top outcomes', topTable([{ label: 'Event' }, { label: 'Count', num: true }, { label: 'Conversations', num: true }],
      (s.outcomes || []).map(o => [o.event, num(o.count), num(o.conversations)]))),
  ));
  root.append(el('div', { class: 'grid' },
    card('Top actions', topTable([{ label: 'Type' }, { label: 'Action' }, { label: 'Count', num: true }],
      (s.actions || []).map(a => [a.type, a.action, num(a.count)]))),
    card('Media generated', topTable([{ label: 'Type' }, { label: 'Sub-type' }, { label: 'Count', num: true }],
      (s.media || []).map(m => [m.type, m.subType, num(m.count)]))),
    card('Components loaded', topTable([{ label: 'Type' }, { label: 'Count', num: true }],
      (s.components || []).map(c => [c.type, num(c.count)]))),
  ));

  const step = intervalFor(currentRange());
  const series = await Promise.all(SERIES.map(({ metric }) => get('timeseries', { metric, interval: step }, { signal })));
  return () => {
    if (distribution.length) bars(histogram, distribution.map(([k]) => k), distribution.map(([, v]) => v), 'Ratings');
    series.forEach(({ points }, i) => line(canvases[i], points || [], SERIES[i].title, step));
  };
}

function costNote(cost) {
  if (!cost) return null;
  const perConversation = `p50 ${money(cost.perConversation?.p50, cost.currency)} per conversation`;
  return cost.unpricedEvents ? `${perConversation} · ${num(cost.unpricedEvents)} unpriced` : perConversation;
}

function topTable(headers, rows) {
  if (!rows.length) return el('p', { class: 'empty' }, 'Nothing yet.');
  return table(headers, rows.slice(0, 10).map(cells => ({ cells })));
}
