// Transcript: one conversation as a chat, with what happened around each message.
import { get } from './api.js';
import { el, num, when, duration, card } from './dom.js';

const MESSAGES = new Set(['Message Sent', 'Message Received']);
const ATTACHED = new Set(['Action Invoked', 'Media Generated', 'Component Loaded', 'Feedback Submitted']);

function chips(e) {
  return [
    ...(e.actions || []).map(a => `action: ${a.type} · ${a.action}`),
    ...(e.media || []).map(m => `media: ${m.type}/${m.subType}`),
    ...(e.components || []).map(c => `component: ${c.type}`),
    ...(e.feedback || []).map(f => `rated ${num(f.rating)}`),
  ];
}

function bubble(e, latencyMs) {
  const side = e.event === 'Message Received' ? 'agent' : 'customer';
  const meta = [e.role || side, when(e.ts)];
  if (latencyMs !== null) meta.push(`replied in ${duration(latencyMs)}`);
  const labels = chips(e);
  return el('div', { class: `bubble ${side}`, dataset: { seq: e.seq } },
    el('span', { class: 'meta' }, meta.join(' · ')),
    e.message?.properties?.message_body ?? '',
    labels.length ? el('div', { class: 'attachments' }, labels.map(l => el('span', { class: 'chip' }, l))) : null);
}

function systemLine(e) {
  const p = e.message?.properties || {};
  let text = e.event;
  if (e.event === 'Feedback Submitted') text = `Conversation rated ${p.rating}`;
  else if (e.event === 'Conversation Ended' && p.message_count !== undefined) text += ` (${p.message_count} messages)`;
  return el('div', { class: 'system', dataset: { seq: e.seq } }, `${text} · ${when(e.ts)}`);
}

export async function renderTranscript(root, { id, signal }) {
  const c = await get(`conversations/${encodeURIComponent(id)}`, {}, { withRange: false, signal });
  root.append(el('h1', {}, `Conversation ${id}`));
  root.append(el('div', { class: 'tiles' },
    ...[['Status', el('span', { class: `badge ${c.status}` }, c.status)], ['User', c.userId || c.anonymousId || '–'],
      ['Started', when(c.startedAt)], ['Ended', when(c.endedAt)], ['Messages', num(c.messageCount)],
      ['Rating', num(c.avgRating)], ['Outcomes', (c.outcomes || []).join(', ') || '–']]
      .map(([label, value]) => el('div', { class: 'card tile' }, el('div', { class: 'label' }, label), el('div', { class: 'sub' }, value)))));

  const messageIds = new Set((c.events || []).filter(e => MESSAGES.has(e.event)).map(e => e.chatMessageId));
  const chat = el('div', { class: 'chat', id: 'chat' });
  let lastSent = null;
  for (const e of c.events || []) {
    if (MESSAGES.has(e.event)) {
      const latency = e.event === 'Message Received' && lastSent ? new Date(e.ts) - new Date(lastSent) : null;
      if (e.event === 'Message Sent') lastSent = e.ts;
      chat.append(bubble(e, latency));
    } else if (!(ATTACHED.has(e.event) && messageIds.has(e.chatMessageId))) {
      chat.append(systemLine(e));
    }
  }
  root.append(el('div', { class: 'grid' }, card('Transcript', chat), findingsCard(c.findings || [])));
  root.append(card('Raw events', el('pre', { class: 'raw' },
    JSON.stringify((c.events || []).map(e => e.message), null, 2))));
}

function findingsCard(findings) {
  if (!findings.length) return card('Sequence findings', el('p', { class: 'empty' }, 'No findings: the conversation follows the spec.'));
  return card('Sequence findings', el('ul', { class: 'findings', id: 'findings' },
    findings.map(f => el('li', {}, el('span', { class: 'badge code' }, f.code), ' ', f.message))));
}
