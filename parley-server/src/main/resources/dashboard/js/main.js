// The dashboard's shell: shows the page of the URL, keeps the tabs and the date range, and
// refreshes the overview, topics, models and data quality while auto-refresh is on.
import { setRange, login, Unauthorized } from './api.js';
import { el, clear } from './dom.js';
import { destroyAll } from './charts.js';
import { route } from './router.js';
import { rangeFor } from './range.js';
import { newestOnly } from './loads.js';
import { renderOverview } from './overview.js';
import { renderConversations } from './conversations.js';
import { renderTranscript } from './transcript.js';
import { renderQuality } from './quality.js';
import { renderModels } from './models.js';
import { renderTopics } from './topics.js';

const VIEWS = {
  overview: renderOverview, conversations: renderConversations, transcript: renderTranscript, quality: renderQuality,
  models: renderModels, topics: renderTopics,
};
const app = document.getElementById('app');
const rangeForm = document.getElementById('range');
const REFRESH_MS = 10_000;
const beginLoad = newestOnly();
let refreshTimer = null;

export function navigate(path) {
  history.pushState(null, '', path);
  show();
}

/**
 * Loads the page of the current URL and puts it on screen. Every call (a navigation, a
 * range change, a refresh) begins a new load and aborts the one before: a page that
 * answers after the user has moved on would otherwise replace the newer page.
 */
async function show({ quiet = false } = {}) {
  const signal = beginLoad();
  clearTimeout(refreshTimer);
  const page = route(location.pathname);
  for (const a of document.querySelectorAll('[data-tab]')) a.classList.toggle('active', a.dataset.tab === page.tab);
  const next = el('div');
  try {
    // Pages build off-screen, so a refresh does not flicker; charts are drawn once attached.
    const drawCharts = await VIEWS[page.view](next, { id: page.id, params: new URLSearchParams(location.search), navigate, signal });
    if (signal.aborted) return;
    destroyAll();
    clear(app).append(...next.childNodes);
    if (typeof drawCharts === 'function') drawCharts();
  } catch (error) {
    if (signal.aborted) return;
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
  const range = rangeFor({ preset: preset.value, from: from.value, to: to.value });
  if (!range) return;
  setRange(range.from, range.to);
  from.value = range.fromDay;
  to.value = range.toDay;
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
