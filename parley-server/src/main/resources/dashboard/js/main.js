// The dashboard's router: each page has its own URL, and a reload opens the same page.
import { setRange, login, Unauthorized } from './api.js';
import { el, clear } from './dom.js';
import { destroyAll } from './charts.js';
import { renderOverview } from './overview.js';
import { renderConversations } from './conversations.js';
import { renderTranscript } from './transcript.js';
import { renderQuality } from './quality.js';

const app = document.getElementById('app');
const rangeForm = document.getElementById('range');
const REFRESH_MS = 10_000;
let refreshTimer = null;

function route(path) {
  const transcript = path.match(/^\/conversations\/(.+)$/);
  if (transcript) return { tab: 'conversations', render: root => renderTranscript(root, decodeURIComponent(transcript[1])) };
  if (path === '/conversations') return { tab: 'conversations', render: root => renderConversations(root, navigate, new URLSearchParams(location.search)) };
  if (path === '/quality') return { tab: 'quality', render: renderQuality, refresh: true };
  return { tab: 'overview', render: renderOverview, refresh: true };
}

export function navigate(path) {
  history.pushState(null, '', path);
  show();
}

async function show({ quiet = false } = {}) {
  const page = route(location.pathname);
  for (const a of document.querySelectorAll('[data-tab]')) a.classList.toggle('active', a.dataset.tab === page.tab);
  const next = el('div');
  try {
    // Pages build off-screen, so a refresh does not flicker; charts are drawn once attached.
    const drawCharts = await page.render(next);
    destroyAll();
    clear(app).append(...next.childNodes);
    if (typeof drawCharts === 'function') drawCharts();
  } catch (error) {
    if (error instanceof Unauthorized) return showLogin();
    if (!quiet) clear(app).append(el('p', { class: 'error' }, `Could not load this page: ${error.message}`));
  }
  scheduleRefresh(page);
}

function scheduleRefresh(page) {
  clearTimeout(refreshTimer);
  if (page.refresh && rangeForm.elements.auto.checked) refreshTimer = setTimeout(() => show({ quiet: true }), REFRESH_MS);
}

function showLogin() {
  clearTimeout(refreshTimer);
  const view = document.getElementById('login').content.cloneNode(true);
  clear(app).append(view);
  const form = document.getElementById('login-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (await login(form.elements.token.value)) return show();
    const error = form.querySelector('.error');
    error.textContent = 'That token was not accepted.';
    error.hidden = false;
  });
}

function applyRange() {
  const { preset, from, to } = rangeForm.elements;
  if (preset.value !== 'custom') {
    const days = Number(preset.value);
    setRange(new Date(Date.now() - days * 864e5).toISOString(), null);
    from.value = new Date(Date.now() - days * 864e5).toISOString().slice(0, 10);
    to.value = new Date().toISOString().slice(0, 10);
  } else if (from.value) {
    const end = to.value ? new Date(`${to.value}T00:00:00Z`).getTime() + 864e5 : Date.now();
    setRange(new Date(`${from.value}T00:00:00Z`).toISOString(), new Date(end).toISOString());
  }
}

rangeForm.addEventListener('change', event => {
  if (event.target.type === 'date') rangeForm.elements.preset.value = 'custom';
  applyRange();
  show();
});
document.addEventListener('click', event => {
  const link = event.target.closest('a[data-link]');
  if (!link || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', () => show());

applyRange();
show();
