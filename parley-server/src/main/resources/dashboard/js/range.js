// The date range of the range form, as the read API takes it, and the charts' interval.

const DAY = 864e5;

/**
 * The range for the form's values: a preset counts back that many days from now; a custom
 * range runs from the start of its first day to the end of its last (UTC), or to now when
 * it has no last day. Returns null for a custom range without a first day (nothing to
 * change yet). from and to are ISO-8601 instants (to null for "until now"); fromDay and
 * toDay are what the form's date fields show.
 */
export function rangeFor({ preset, from, to }, now = Date.now()) {
  if (preset !== 'custom') {
    const start = now - Number(preset) * DAY;
    return { from: iso(start), to: null, fromDay: day(start), toDay: day(now) };
  }
  if (!from) return null;
  const end = to ? Date.parse(`${to}T00:00:00Z`) + DAY : now;
  return { from: iso(Date.parse(`${from}T00:00:00Z`)), to: iso(end), fromDay: from, toDay: to };
}

/** The time-series interval for a range: hours up to three days, days beyond. */
export function intervalFor({ from, to }, now = Date.now()) {
  const end = to ? Date.parse(to) : now;
  const start = from ? Date.parse(from) : now - 7 * DAY;
  return end - start <= 3 * DAY ? 'hour' : 'day';
}

function iso(ms) {
  return new Date(ms).toISOString();
}

function day(ms) {
  return iso(ms).slice(0, 10);
}
