// Conversations: a filterable, paginated table; a row opens the transcript.
import { get, Unauthorized } from './api.js';
import { el, num, when, table, clear } from './dom.js';
import { newestOnly } from './loads.js';
import { transcriptPath } from './router.js';

export async function renderConversations(root, { params, navigate, signal }) {
  const filters = el('form', { class: 'filters', id: 'conversation-filters' },
    el('select', { name: 'status', 'aria-label': 'Status' },
      el('option', { value: '' }, 'Any status'), ...['open', 'ended', 'abandoned'].map(s => el('option', { value: s }, s))),
    el('select', { name: 'minRating', 'aria-label': 'Minimum rating' },
      el('option', { value: '' }, 'Any rating'), ...[1, 2, 3, 4, 5].map(r => el('option', { value: r }, `≥ ${r}`))),
    el('select', { name: 'hasOutcome', 'aria-label': 'Outcome' },
      el('option', { value: '' }, 'Any outcome'), el('option', { value: 'true' }, 'With outcome'), el('option', { value: 'false' }, 'Without outcome')),
    el('input', { name: 'userId', placeholder: 'User id', 'aria-label': 'User id' }),
    el('input', { name: 'q', type: 'search', placeholder: 'Text in messages', 'aria-label': 'Text in messages' }),
    el('input', { name: 'topic', type: 'hidden' }),
    el('button', { type: 'submit' }, 'Filter'));
  for (const [key, value] of params) if (filters.elements[key]) filters.elements[key].value = value;
  const results = el('div', { id: 'conversation-results' });
  root.append(el('h1', {}, 'Conversations'), filters, el('section', { class: 'card' }, results));

  const cursors = [];
  // A filter or page asked for later wins over an earlier one still on its way; leaving the
  // page aborts them all.
  const beginLoad = newestOnly(signal);
  async function load(cursor) {
    const current = beginLoad();
    const query = Object.fromEntries(new FormData(filters));
    try {
      const page = await get('conversations', { ...query, limit: 25, cursor }, { signal: current });
      if (!current.aborted) showPage(page);
    } catch (error) {
      if (!current.aborted) throw error;
    }
  }

  // The first load is part of opening the page, which reports its errors; later ones say here.
  function loadInPlace(cursor) {
    load(cursor).catch(error => clear(results).append(el('p', { class: 'error' },
      error instanceof Unauthorized ? 'Signed out: reload the page to sign in.' : `Could not load conversations: ${error.message}`)));
  }

  function showPage(page) {
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
      })), row => navigate(transcriptPath(row.id))));
    }
    const prev = el('button', { class: 'secondary', disabled: cursors.length === 0 }, 'Newer');
    const next = el('button', { class: 'secondary', disabled: !page.next }, 'Older');
    prev.addEventListener('click', () => { cursors.pop(); loadInPlace(cursors[cursors.length - 1]); });
    next.addEventListener('click', () => { cursors.push(page.next); loadInPlace(page.next); });
    results.append(el('div', { class: 'pager' }, prev, next));
  }

  filters.addEventListener('submit', event => {
    event.preventDefault();
    const query = new URLSearchParams([...new FormData(filters)].filter(([, v]) => v !== ''));
    history.replaceState(null, '', `/conversations${query.size ? `?${query}` : ''}`);
    cursors.length = 0;
    loadInPlace();
  });
  await load();
}
