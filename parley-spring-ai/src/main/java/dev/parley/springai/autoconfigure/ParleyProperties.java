package dev.parley.springai.autoconfigure;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code parley.*} settings of the Spring Boot auto-configuration.
 *
 * @param writeKey the source's write key; the auto-configuration is off without it
 * @param endpoint the collector, such as {@code http://localhost:8080}; default Segment's API
 * @param flushAt the most messages per batch; default 100
 * @param flushInterval the longest a message waits for its batch; default 5 s
 * @param captureToolArguments whether Action Invoked carries tool arguments; default false
 */
@ConfigurationProperties("parley")
public record ParleyProperties(
    String writeKey, URI endpoint, Integer flushAt, Duration flushInterval, boolean captureToolArguments) {}
