// Only the newest load may change the page. Each navigation, refresh or filter starts a
// load; starting one aborts the one before, so its requests are cancelled and, should an
// answer land anyway (its body already read, say), its code sees signal.aborted and drops it.

/**
 * Returns begin(), which aborts the previous load and returns the new load's AbortSignal.
 * With a parent signal (the page's own load), aborting the parent aborts the current load
 * too, and loads begun after that start aborted.
 */
export function newestOnly(parent) {
  let current = null;
  parent?.addEventListener('abort', () => current?.abort(), { once: true });
  return function begin() {
    current?.abort();
    current = new AbortController();
    if (parent?.aborted) current.abort();
    return current.signal;
  };
}
