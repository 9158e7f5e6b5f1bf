package dev.parley.server.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * A reader's connection that tells its owner ({@link DuckDbConnections}) when it is closed;
 * everything else goes to the DuckDB connection behind it.
 */
final class TrackedReader implements InvocationHandler {
  private final Connection connection;
  private final Runnable closed;

  private TrackedReader(Connection connection, Runnable closed) {
    this.connection = connection;
    this.closed = closed;
  }

  /** {@code connection}, calling {@code closed} once it is closed or aborted. */
  static Connection of(Connection connection, Runnable closed) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        new TrackedReader(connection, closed));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "reader " + connection;
      default:
        break;
    }
    try {
      return method.invoke(connection, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      if (method.getName().equals("close") || method.getName().equals("abort")) {
        closed.run();
      }
    }
  }
}
