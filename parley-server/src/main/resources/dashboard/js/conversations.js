// Conversations: a filterable, paginated table; a row opens the transcript.
import { get } from './api.js';
import { el, num, when, table, clear } from './dom.js';

export async function renderConversations(root, navigate, params) {
  const filters = el('form', { class: 'filters', id: 'conversation-filters' },
    el('select', { name: 'status', 'aria-label': 'Status' },
      el('option', { value: '' }, 'Any status'), ...['open', 'ended', 'abandoned'].map(s => el('option', { value: s }, s))),
    el('select', { name: 'minRating', 'aria-label': 'Minimum rating' },
      el('option', { value: '' }, 'Any rating'), ...[1, 2, 3, 4, 5].map(r => el('option', { value: r }, `≥ ${r}`))),
    el('select', { name: 'hasOutcome', 'aria-label': 'Outcome' },
      el('option', { value: '' }, 'Any outcome'), el('option', { value: 'true' }, 'With outcome'), el('option', { value: 'false' }, 'Without outcome')),
    el('input', { name: 'userId', placeholder: 'User id', 'aria-label': 'User id' }),
    el('input', { name: 'q', type: 'search', placeholder: 'Text in messages', 'aria-label': 'Text in messages' }),
    el('button', { type: 'submit' }, 'Filter'));
  for (const [key, value] of params) if (filters.elements[key]) filters.elements[key].value = value;
  const results = el('div', { id: 'conversation-results' });
  root.append(el('h1', {}, 'Conversations'), filters, el('section', { class: 'card' }, results));

  const cursors = [];
  async function load(cursor) {
    const query = Object.fromEntries(new FormData(filters));
    const page = await get('conversations', { ...query, limit: 25, cursor });
    clear(results);
    if (!page.items?.length) {
      results.append(el('p', { class: 'empty' }, 'No conversation matches.'));
    } else {
      results.append(table([
        { label: 'Conversation' }, { label: 'User' }, { label: 'Status' }, { label: 'Started', narrow: true },
        { label: 'Last event', narrow: true }, { label: 'Messages', num: true }, { label: 'Rating', num: true },
        { label: 'Outcomes', narrow: true },
      ], page.items.map(c => ({
        id: c.conversationId,
        cells: [c.conversationId, c.userId || c.anonymousId || '–', el('span', { class: `badge ${c.status}` }, c.status),
          when(c.startedAt), when(c.lastEventAt), num(c.messageCount), num(c.avgRating),
          (c.outcomes || []).map(o => (typeof o === 'string' ? o : o.event)).join(', ')],
      })), row => navigate(`/conversations/${encodeURIComponent(row.id)}`)));
    }
    const prev = el('button', { class: 'secondary', disabled: cursors.length === 0 }, 'Newer');
    const next = el('button', { class: 'secondary', disabled: !page.next }, 'Older');
    prev.addEventListener('click', () => { cursors.pop(); load(cursors[cursors.length - 1]); });
    next.addEventListener('click', () => { cursors.push(page.next); load(page.next); });
    results.append(el('div', { class: 'pager' }, prev, next));
  }

  filters.addEventListener('submit', event => {
    event.preventDefault();
    const query = new URLSearchParams([...new FormData(filters)].filter(([, v]) => v !== ''));
    history.replaceState(null, '', `/conversations${query.size ? `?${query}` : ''}`);
    cursors.length = 0;
    load();
  });
  await load();
}
