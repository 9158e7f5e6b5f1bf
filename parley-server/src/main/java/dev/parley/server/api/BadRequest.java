package dev.parley.server.api;

import java.util.List;

/**
 * A request parameter that cannot be used; answered 400 with the parameter's name, a
 * sentence, and the allowed values when they form a closed list.
 */
final class BadRequest extends RuntimeException {
  private final String parameter;
  private final List<String> allowed;

  BadRequest(String parameter, String message, List<String> allowed) {
    super(message);
    this.parameter = parameter;
    this.allowed = List.copyOf(allowed);
  }

  BadRequest(String parameter, String message) {
    this(parameter, message, List.of());
  }

  String parameter() {
    return parameter;
  }

  List<String> allowed() {
    return allowed;
  }
}
