/**
 * Conversation analytics: questions about the store answered in SQL, one class per family
 * of questions ({@link dev.parley.server.analytics.SummaryQueries},
 * {@link dev.parley.server.analytics.ConversationQueries},
 * {@link dev.parley.server.analytics.TimeseriesQueries},
 * {@link dev.parley.server.analytics.BreakdownQueries}), with the SQL of each dialect in
 * {@code .sql} resources beside this package ({@code duckdb/}; a {@code postgres/} folder
 * with the same file names can sit next to it). Every value is a bound parameter.
 *
 * <p>Values are non-null unless documented otherwise. This package reads the store only;
 * it never imports the API or the command line.
 */
package dev.parley.server.analytics;
