// Which page a URL shows: each page has its own URL, so a reload opens the same page.

/**
 * The page for a path: its view, the tab it belongs to, the conversation id of a
 * transcript, and whether it refreshes itself while auto-refresh is on.
 */
export function route(pathname) {
  const transcript = pathname.match(/^\/conversations\/(.+)$/);
  if (transcript) return { view: 'transcript', tab: 'conversations', id: decodeSegment(transcript[1]), refresh: false };
  if (pathname === '/conversations') return { view: 'conversations', tab: 'conversations', refresh: false };
  if (pathname === '/quality') return { view: 'quality', tab: 'quality', refresh: true };
  if (pathname === '/topics') return { view: 'topics', tab: 'topics', refresh: true };
  if (pathname === '/models') return { view: 'models', tab: 'models', refresh: true };
  return { view: 'overview', tab: 'overview', refresh: true };
}

/** The path of a conversation's transcript. */
export function transcriptPath(conversationId) {
  return `/conversations/${encodeURIComponent(conversationId)}`;
}

// A hand-typed URL may hold a lone '%'; show that id as typed rather than fail.
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
