package dev.parley.server.log;

/**
 * One record of the ingest log: one accepted request's submission, encoded by
 * {@link SubmissionCodec}.
 *
 * @param position where the record starts
 * @param next where the following record starts
 * @param appendedAtMillis when it was appended (epoch milliseconds), for the loader's lag
 * @param events how many events it carries
 */
public record LogRecord(long position, long next, long appendedAtMillis, int events, byte[] payload) {}
