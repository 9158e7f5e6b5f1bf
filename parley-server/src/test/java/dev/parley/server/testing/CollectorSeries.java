package dev.parley.server.testing;

import java.util.List;

/**
 * The collector's series as {@code /metrics} shows them: the names and label names that
 * operators' dashboards and alerts query. A change here is a change operators must hear of.
 */
public final class CollectorSeries {
  /** Name and sorted label names of every series, such as {@code parley_requests_total{endpoint,status}}. */
  public static final List<String> SHAPES = List.of(
      "parley_dedupe_filter_bytes",
      "parley_events_duplicate_total",
      "parley_events_refused_total{reason}",
      "parley_events_suppressed_total",
      "parley_events_total{outcome}",
      "parley_fold_seconds_bucket{le}",
      "parley_fold_seconds_count",
      "parley_fold_seconds_sum",
      "parley_load_events_bucket{le}",
      "parley_load_events_count",
      "parley_load_events_sum",
      "parley_load_seconds_bucket{le}",
      "parley_load_seconds_count",
      "parley_load_seconds_sum",
      "parley_loader_lag_bytes",
      "parley_loader_lag_seconds",
      "parley_log_bytes",
      "parley_log_fsync_seconds_bucket{le}",
      "parley_log_fsync_seconds_count",
      "parley_log_fsync_seconds_sum",
      "parley_log_refused_total{reason}",
      "parley_request_body_bytes",
      "parley_requests_refused_total{reason}",
      "parley_requests_total{endpoint,status}",
      "parley_topics",
      "parley_topics_backlog_events",
      "parley_topics_embedded_conversations_total",
      "parley_unfolded_events");

  /** Their HELP and TYPE lines. */
  public static final List<String> METADATA = List.of(
      "# HELP parley_dedupe_filter_bytes Heap held by the filter of stored messageIds (dedupe).",
      "# HELP parley_events_duplicate_total Messages acknowledged but not stored again (dedupe).",
      "# HELP parley_events_refused_total Messages of refused requests, by reason.",
      "# HELP parley_events_suppressed_total Messages of erased users, acknowledged and discarded.",
      "# HELP parley_events_total Messages stored (accepted) or refused in block mode.",
      "# HELP parley_fold_seconds Time to fold stored events into the conversation facts.",
      "# HELP parley_load_events Events stored per load (one transaction).",
      "# HELP parley_load_seconds Time to load one batch of the ingest log into the store.",
      "# HELP parley_loader_lag_bytes Bytes of the ingest log not loaded into the store yet.",
      "# HELP parley_loader_lag_seconds Age of the oldest record of the ingest log not loaded yet.",
      "# HELP parley_log_bytes Bytes the ingest log holds on disk.",
      "# HELP parley_log_fsync_seconds Time of one group commit of the ingest log (write and fsync).",
      "# HELP parley_log_refused_total Appends the ingest log refused, by reason.",
      "# HELP parley_request_body_bytes Body bytes held by ingest requests being read or ingested.",
      "# HELP parley_requests_refused_total Ingest requests refused, by reason.",
      "# HELP parley_requests_total Ingest requests by endpoint and status.",
      "# HELP parley_topics Topics found in the conversations.",
      "# HELP parley_topics_backlog_events Stored events the topic worker has not read yet (on PostgreSQL: conversations).",
      "# HELP parley_topics_embedded_conversations_total Conversations whose first message was embedded.",
      "# HELP parley_unfolded_events Events stored but not folded into the conversation facts yet.",
      "# TYPE parley_dedupe_filter_bytes gauge",
      "# TYPE parley_events_duplicate_total counter",
      "# TYPE parley_events_refused_total counter",
      "# TYPE parley_events_suppressed_total counter",
      "# TYPE parley_events_total counter",
      "# TYPE parley_fold_seconds histogram",
      "# TYPE parley_load_events histogram",
      "# TYPE parley_load_seconds histogram",
      "# TYPE parley_loader_lag_bytes gauge",
      "# TYPE parley_loader_lag_seconds gauge",
      "# TYPE parley_log_bytes gauge",
      "# TYPE parley_log_fsync_seconds histogram",
      "# TYPE parley_log_refused_total counter",
      "# TYPE parley_request_body_bytes gauge",
      "# TYPE parley_requests_refused_total counter",
      "# TYPE parley_requests_total counter",
      "# TYPE parley_topics gauge",
      "# TYPE parley_topics_backlog_events gauge",
      "# TYPE parley_topics_embedded_conversations_total counter",
      "# TYPE parley_unfolded_events gauge");

  private CollectorSeries() {}
}
