// Topics: what users ask about, found on the server from each conversation's first message;
// each topic's share and how the copilot serves it. A row opens the topic's conversations.
import { get } from './api.js';
import { el, num, pct, duration, table, card } from './dom.js';

const BARS = '▁▂▃▄▅▆▇█';

/** A trend as a line of block characters, scaled to its own largest point. */
export function sparkline(trend = []) {
  const values = trend.map(p => p.value || 0);
  const max = Math.max(0, ...values);
  if (max === 0) return values.map(() => BARS[0]).join('');
  return values.map(v => BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))]).join('');
}

export async function renderTopics(root, { navigate, signal }) {
  const topics = await get('topics', {}, { signal });
  const status = topics.status || {};
  root.append(el('h1', {}, 'Topics'));
  root.append(el('p', { class: 'note', dataset: { topicsStatus: '' } },
    `${num(status.conversationsRead)} conversations read, ${num(status.withText)} with text, `
    + `${num(status.withTopic)} in a topic. Found by Parley itself from each conversation's first message; no text leaves it.`));
  if (status.notice) root.append(el('p', { class: 'notice', dataset: { topicsNotice: '' } }, status.notice));
  const items = topics.items || [];
  if (!items.length) {
    root.append(card('Topics', el('p', { class: 'empty' }, topics.enabled === false
      ? 'Topics are off on this server (--topics off).' : 'No topics yet.')));
    return;
  }
  root.append(card('What users ask about', el('div', { dataset: { table: 'topics' } }, table([
    { label: 'Topic' }, { label: 'Conversations', num: true }, { label: 'Share', num: true },
    { label: 'Conversion', num: true }, { label: 'Rating', num: true }, { label: 'Abandoned', num: true },
    { label: 'Reply p50', num: true }, { label: 'Trend', narrow: true }, { label: 'For example', narrow: true }],
  items.map(t => ({
    id: t.id,
    cells: [t.label ?? '(being renamed)', num(t.conversations), pct(t.share), pct(t.conversionRate), num(t.avgRating),
      pct(t.abandonmentRate), duration(t.responseLatencyP50Ms),
      el('span', { class: 'sparkline', title: `${t.trendInterval}ly conversations` }, sparkline(t.trend)),
      el('span', { class: 'example' }, t.examples?.[0]?.text ?? '')],
  })), row => navigate(`/conversations?topic=${encodeURIComponent(row.id)}`)))));
}
