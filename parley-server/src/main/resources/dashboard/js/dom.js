// Small DOM helpers. Every piece of data reaches the page through textContent, never as
// HTML: message bodies are user input.

/** Creates an element; string and number children become text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function num(value) {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : numberFormat.format(value);
}

export function pct(value) {
  return value === null || value === undefined ? '–' : `${numberFormat.format(value * 100)}%`;
}

const moneyFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });

/** An amount in a currency, "12.35 USD"; small amounts keep four significant digits ("0.004213 USD"). */
export function money(value, currency) {
  if (value === null || value === undefined) return '–';
  const amount = Math.abs(value) >= 1 ? numberFormat.format(value) : moneyFormat.format(value);
  return currency ? `${amount} ${currency}` : amount;
}

/** A difference of two rates in percentage points, signed: "+12.5 pp", "-3 pp". */
export function points(value) {
  if (value === null || value === undefined) return '–';
  const pp = numberFormat.format(Math.abs(value * 100));
  return `${value > 0 ? '+' : value < 0 ? '-' : ''}${pp} pp`;
}

/** Milliseconds as "850 ms", "4.2 s" or "12 min". */
export function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${numberFormat.format(ms / 1000)} s`;
  if (ms < 3_600_000) return `${numberFormat.format(ms / 60_000)} min`;
  return `${numberFormat.format(ms / 3_600_000)} h`;
}

export function when(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

export function table(headers, rows, onRowClick) {
  const head = el('thead', {}, el('tr', {}, headers.map(h =>
    el('th', { class: h.num ? 'num' : h.narrow ? 'hide-narrow' : undefined }, h.label))));
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr', { class: onRowClick ? 'clickable' : undefined },
      headers.map((h, i) => el('td', { class: h.num ? 'num' : h.narrow ? 'hide-narrow' : undefined }, row.cells[i])));
    if (onRowClick) tr.addEventListener('click', () => onRowClick(row));
    body.append(tr);
  }
  return el('table', {}, head, body);
}

export function card(title, ...children) {
  return el('section', { class: 'card' }, title ? el('h2', {}, title) : null, ...children);
}
