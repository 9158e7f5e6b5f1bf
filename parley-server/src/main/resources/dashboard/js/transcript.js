// Transcript: one conversation as a chat, with what happened around each message.
import { get } from './api.js';
import { el, num, when, duration, card } from './dom.js';

const AGENT_EVENTS = new Set(['Message Received']);

function attachmentLabel(a) {
  switch (a.event) {
    case 'Action Invoked': return `⚙ ${a.type ?? ''}: ${a.action ?? ''}`;
    case 'Media Generated': return `🖼 ${a.type ?? ''}/${a.subType ?? a.sub_type ?? ''}`;
    case 'Component Loaded': return `▦ ${a.type ?? ''}`;
    case 'Feedback Submitted': return `★ ${a.rating}`;
    default: return a.event;
  }
}

function bubble(entry, previous) {
  const side = AGENT_EVENTS.has(entry.event) || (entry.role && entry.role !== 'customer') ? 'agent' : 'customer';
  const latency = entry.latencyMs ?? null;
  const meta = [entry.role || side, when(entry.timestamp)];
  if (latency !== null && side === 'agent') meta.push(`replied in ${duration(latency)}`);
  return el('div', { class: `bubble ${side}`, dataset: { messageId: entry.messageId ?? '' } },
    el('span', { class: 'meta' }, meta.join(' · ')),
    entry.body ?? '',
    (entry.attachments || []).length
      ? el('div', { class: 'attachments' }, entry.attachments.map(a => el('span', { class: 'chip' }, attachmentLabel(a))))
      : null);
}

export async function renderTranscript(root, id) {
  const data = await get(`conversations/${encodeURIComponent(id)}`, {}, { withRange: false });
  const c = data.conversation || {};
  root.append(el('h1', {}, `Conversation ${id}`));
  root.append(el('div', { class: 'tiles' },
    ...[['Status', el('span', { class: `badge ${c.status}` }, c.status)], ['User', c.userId || c.anonymousId || '–'],
      ['Started', when(c.startedAt)], ['Messages', num(c.messageCount)], ['Rating', num(c.avgRating)]]
      .map(([label, value]) => el('div', { class: 'card tile' }, el('div', { class: 'label' }, label), el('div', { class: 'sub' }, value)))));

  const chat = el('div', { class: 'chat', id: 'chat' });
  let previous = null;
  for (const entry of data.transcript || []) {
    if (entry.kind === 'message') {
      chat.append(bubble(entry, previous));
      previous = entry;
    } else {
      chat.append(el('div', { class: 'system' }, `${entry.event} · ${when(entry.timestamp)}`,
        entry.properties && Object.keys(entry.properties).length ? ` · ${summarise(entry.properties)}` : ''));
    }
  }
  root.append(el('div', { class: 'grid' }, card('Transcript', chat), findingsCard(data.findings || [])));
  root.append(card('Raw events', el('pre', { class: 'raw' }, JSON.stringify(data.events || [], null, 2))));
}

function summarise(properties) {
  return Object.entries(properties).filter(([k]) => !['conversationId', 'messageId'].includes(k))
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
}

function findingsCard(findings) {
  if (!findings.length) return card('Sequence findings', el('p', { class: 'empty' }, 'No findings: the conversation follows the spec.'));
  return card('Sequence findings', el('ul', { class: 'findings' },
    findings.map(f => el('li', {}, el('span', { class: 'badge code' }, f.code), ' ', f.message))));
}
