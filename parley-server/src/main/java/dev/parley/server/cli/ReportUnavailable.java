package dev.parley.server.cli;

/** The report's source (a store file or a server) cannot answer; the message says why and what to do. */
final class ReportUnavailable extends RuntimeException {
  ReportUnavailable(String message) {
    super(message);
  }
}
