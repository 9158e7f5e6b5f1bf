// Just enough of the DOM for the dashboard's modules to run in Node: elements, text,
// fragments and templates, attributes and dataset, classList, form controls, events that
// bubble, and simple CSS selectors (tag, #id, .class, [attr], [attr=value], descendants).

export class Node {
  constructor(ownerDocument) {
    this.ownerDocument = ownerDocument;
    this.parentNode = null;
    this.childNodes = [];
    this.listeners = new Map();
  }

  get firstChild() {
    return this.childNodes[0] ?? null;
  }

  get textContent() {
    return this.childNodes.map(child => child.textContent).join('');
  }

  set textContent(text) {
    for (const child of [...this.childNodes]) this.removeChild(child);
    this.append(String(text));
  }

  append(...nodes) {
    for (const node of nodes) {
      if (node instanceof DocumentFragment) {
        this.append(...node.childNodes);
        continue;
      }
      const child = node instanceof Node ? node : new Text(this.ownerDocument, String(node));
      child.parentNode?.removeChild(child);
      child.parentNode = this;
      this.childNodes.push(child);
    }
  }

  removeChild(child) {
    const index = this.childNodes.indexOf(child);
    if (index < 0) throw new Error('not a child');
    this.childNodes.splice(index, 1);
    child.parentNode = null;
    return child;
  }

  addEventListener(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    this.listeners.get(type).push(listener);
  }

  /** Runs the listeners here and on every ancestor, as a bubbling event does. */
  dispatchEvent(event) {
    event.target ??= this;
    for (let node = this; node && !event.stopped; node = node.parentNode) {
      for (const listener of node.listeners.get(event.type) ?? []) listener.call(node, event);
    }
    return !event.defaultPrevented;
  }

  /** Every element below this node, depth first. */
  *descendants() {
    for (const child of this.childNodes) {
      if (child instanceof Element) {
        yield child;
        yield* child.descendants();
      }
    }
  }

  querySelectorAll(selector) {
    return [...this.descendants()].filter(e => e.matches(selector));
  }

  querySelector(selector) {
    return this.querySelectorAll(selector)[0] ?? null;
  }

  getElementById(id) {
    return [...this.descendants()].find(e => e.id === id) ?? null;
  }
}

export class Text extends Node {
  constructor(ownerDocument, data) {
    super(ownerDocument);
    this.data = data;
  }

  get textContent() {
    return this.data;
  }

  cloneNode() {
    return new Text(this.ownerDocument, this.data);
  }
}

export class DocumentFragment extends Node {
  cloneNode(deep = false) {
    const copy = new DocumentFragment(this.ownerDocument);
    if (deep) copy.append(...this.childNodes.map(child => child.cloneNode(true)));
    return copy;
  }
}

export class Element extends Node {
  constructor(ownerDocument, tagName) {
    super(ownerDocument);
    this.tagName = tagName.toUpperCase();
    this.attributes = new Map();
    this.hidden = false;
    this.checked = false;
    this.disabled = false;
    this.ownValue = undefined;
    this.dataset = new Proxy({}, {
      get: (_, key) => (typeof key === 'string' ? this.getAttribute(`data-${kebab(key)}`) ?? undefined : undefined),
      set: (_, key, value) => {
        this.setAttribute(`data-${kebab(key)}`, String(value));
        return true;
      },
    });
    if (this.tagName === 'TEMPLATE') this.content = new DocumentFragment(ownerDocument);
  }

  get id() {
    return this.getAttribute('id') ?? '';
  }

  get className() {
    return this.getAttribute('class') ?? '';
  }

  set className(value) {
    this.setAttribute('class', value);
  }

  get classList() {
    const names = () => this.className.split(/\s+/).filter(Boolean);
    return {
      contains: name => names().includes(name),
      toggle: (name, force = !names().includes(name)) => {
        this.className = [...names().filter(n => n !== name), ...(force ? [name] : [])].join(' ');
        return force;
      },
    };
  }

  get name() {
    return this.getAttribute('name') ?? '';
  }

  get type() {
    return this.getAttribute('type') ?? (this.tagName === 'BUTTON' ? 'submit' : 'text');
  }

  /** As a form control's: what was set, else a select's first option or the value attribute. */
  get value() {
    if (this.ownValue !== undefined) return this.ownValue;
    if (this.tagName === 'SELECT') {
      const option = this.querySelector('option');
      return option ? option.getAttribute('value') ?? option.textContent : '';
    }
    return this.getAttribute('value') ?? '';
  }

  set value(value) {
    this.ownValue = String(value);
  }

  /** A form's named controls, by name. */
  get elements() {
    const controls = {};
    for (const e of this.descendants()) if (e.name && isControl(e)) controls[e.name] ??= e;
    return controls;
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
    if (name === 'disabled') this.disabled = true;
    if (name === 'checked') this.checked = true;
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  hasAttribute(name) {
    return this.attributes.has(name);
  }

  cloneNode(deep = false) {
    const copy = new Element(this.ownerDocument, this.tagName);
    for (const [name, value] of this.attributes) copy.setAttribute(name, value);
    Object.assign(copy, { hidden: this.hidden, checked: this.checked, ownValue: this.ownValue });
    if (deep) copy.append(...this.childNodes.map(child => child.cloneNode(true)));
    return copy;
  }

  matches(selector) {
    const parts = selector.trim().split(/\s+/);
    if (!matchesCompound(this, parts.pop())) return false;
    let node = this.parentNode;
    for (const part of parts.reverse()) {
      while (node instanceof Element && !matchesCompound(node, part)) node = node.parentNode;
      if (!(node instanceof Element)) return false;
      node = node.parentNode;
    }
    return true;
  }

  closest(selector) {
    for (let node = this; node instanceof Element; node = node.parentNode) if (node.matches(selector)) return node;
    return null;
  }
}

function isControl(element) {
  return ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(element.tagName);
}

function kebab(key) {
  return key.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
}

function matchesCompound(element, compound) {
  const pattern = /^([a-z0-9-]+|\*)?((?:#[\w-]+|\.[\w-]+|\[[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\]]*))?\])*)$/i;
  const match = compound.match(pattern);
  if (!match) throw new Error(`the fake DOM does not understand the selector ${compound}`);
  const [, tag, rest] = match;
  if (tag && tag !== '*' && element.tagName !== tag.toUpperCase()) return false;
  for (const [part] of rest.matchAll(/#[\w-]+|\.[\w-]+|\[[^\]]+\]/g)) {
    if (part[0] === '#' && element.id !== part.slice(1)) return false;
    if (part[0] === '.' && !element.classList.contains(part.slice(1))) return false;
    if (part[0] === '[') {
      const [name, value] = part.slice(1, -1).split('=');
      if (!element.hasAttribute(name)) return false;
      if (value !== undefined && element.getAttribute(name) !== value.replace(/^["']|["']$/g, '')) return false;
    }
  }
  return true;
}

export class Document extends Node {
  constructor() {
    super(null);
    this.ownerDocument = this;
    this.body = this.createElement('body');
    this.append(this.body);
  }

  createElement(tag) {
    return new Element(this, tag);
  }

  createTextNode(data) {
    return new Text(this, data);
  }

  /** Builds elements from a compact description: [tag, attributes, ...children]. */
  build([tag, attrs = {}, ...children]) {
    const element = this.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === 'checked') element.checked = value;
      else if (name === 'hidden') element.hidden = true;
      else if (name === 'value') element.value = value;
      else element.setAttribute(name, value);
    }
    const target = element.content ?? element;
    for (const child of children) target.append(typeof child === 'string' ? child : this.build(child));
    return element;
  }
}

export class Event {
  constructor(type, fields = {}) {
    this.type = type;
    this.defaultPrevented = false;
    this.stopped = false;
    Object.assign(this, fields);
  }

  preventDefault() {
    this.defaultPrevented = true;
  }

  stopPropagation() {
    this.stopped = true;
  }
}

/** A FormData over a fake form: the named controls' values, unchecked boxes left out. */
export class FormData {
  constructor(form) {
    this.pairs = [];
    for (const control of form.descendants()) {
      if (!control.name || !isControl(control) || control.tagName === 'BUTTON') continue;
      if (control.type === 'checkbox' && !control.checked) continue;
      this.pairs.push([control.name, control.value]);
    }
  }

  [Symbol.iterator]() {
    return this.pairs[Symbol.iterator]();
  }

  entries() {
    return this[Symbol.iterator]();
  }
}
