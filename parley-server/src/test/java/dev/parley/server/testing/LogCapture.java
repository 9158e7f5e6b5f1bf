package dev.parley.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures every log line (at DEBUG and up) while open, messages and exceptions alike. */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level before = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
  }

  /** Every captured line, with its exception's message, one a line. */
  public String text() {
    List<ILoggingEvent> events;
    synchronized (appender) { // the lock logback's AppenderBase.doAppend holds while it adds
      events = new ArrayList<>(appender.list);
    }
    return events.stream().map(e -> e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
        .collect(Collectors.joining("\n"));
  }

  /** The captured lines at WARN and above, each as {@code LEVEL logger: message exception}. */
  public List<String> warnings() {
    List<ILoggingEvent> events;
    synchronized (appender) {
      events = new ArrayList<>(appender.list);
    }
    return events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName() + ": "
                + e.getThrowableProxy().getMessage()))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(before);
  }
}
