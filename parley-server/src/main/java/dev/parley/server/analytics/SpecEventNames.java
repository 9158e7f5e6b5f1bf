package dev.parley.server.analytics;

import dev.parley.spec.SpecEvent;
import java.util.Arrays;
import java.util.List;

/** The spec's track event names, bound into queries that tell outcomes from spec events. */
final class SpecEventNames {
  static final List<String> ALL =
      Arrays.stream(SpecEvent.values()).map(SpecEvent::eventName).toList();

  private SpecEventNames() {}
}
