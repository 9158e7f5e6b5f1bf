package dev.parley.server.testing;

import java.util.List;

/**
 * The collector's series as {@code /metrics} showed them before it was drawn by Prometheus' Java
 * client, recorded from the hand-written renderer after every describe, count, observe and gauge
 * call of the server. Operators' dashboards and alerts query these names and labels.
 */
public final class SeriesBefore {
  /** Name and sorted label names of every series, such as {@code parley_requests_total{endpoint,status}}. */
  public static final List<String> SHAPES = List.of(
      "parley_commit_events_bucket{le}", "parley_commit_events_count", "parley_commit_events_sum",
      "parley_commit_seconds_bucket{le}", "parley_commit_seconds_count", "parley_commit_seconds_sum",
      "parley_dedupe_filter_bytes", "parley_events_duplicate_total", "parley_events_refused_total{reason}",
      "parley_events_suppressed_total", "parley_events_total{outcome}", "parley_fold_seconds_bucket{le}",
      "parley_fold_seconds_count", "parley_fold_seconds_sum", "parley_requests_refused_total{reason}",
      "parley_requests_total{endpoint,status}", "parley_unfolded_events", "parley_writer_queue_full_total",
      "parley_writer_queue_rows");

  /** Their HELP and TYPE lines. */
  public static final List<String> METADATA = List.of(
      "# HELP parley_commit_events Events stored per commit (group commit size).",
      "# HELP parley_commit_seconds Time to commit one group.",
      "# HELP parley_dedupe_filter_bytes Heap held by the filter of stored messageIds (dedupe).",
      "# HELP parley_events_duplicate_total Messages acknowledged but not stored again (dedupe).",
      "# HELP parley_events_refused_total Messages of refused requests, by reason.",
      "# HELP parley_events_suppressed_total Messages of erased users, acknowledged and discarded.",
      "# HELP parley_events_total Messages stored (accepted) or refused in block mode.",
      "# HELP parley_fold_seconds Time to fold stored events into the conversation facts.",
      "# HELP parley_requests_refused_total Ingest requests refused, by reason.",
      "# HELP parley_requests_total Ingest requests by endpoint and status.",
      "# HELP parley_unfolded_events Events stored but not folded into the conversation facts yet.",
      "# HELP parley_writer_queue_rows Rows waiting for the writer.",
      "# TYPE parley_commit_events histogram",
      "# TYPE parley_commit_seconds histogram",
      "# TYPE parley_dedupe_filter_bytes gauge",
      "# TYPE parley_events_duplicate_total counter",
      "# TYPE parley_events_refused_total counter",
      "# TYPE parley_events_suppressed_total counter",
      "# TYPE parley_events_total counter",
      "# TYPE parley_fold_seconds histogram",
      "# TYPE parley_requests_refused_total counter",
      "# TYPE parley_requests_total counter",
      "# TYPE parley_unfolded_events gauge",
      "# TYPE parley_writer_queue_full_total counter",
      "# TYPE parley_writer_queue_rows gauge");

  private SeriesBefore() {}
}
