package dev.parley.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.parley.server.analytics.ConversationStatus;
import java.io.IOException;
import java.time.Instant;

/** The read API's JSON mapper: instants as ISO-8601 text, statuses by their wire names. */
final class ApiJson {
  static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("parley-api")
      .addSerializer(Instant.class, ToStringSerializer.instance)
      .addSerializer(ConversationStatus.class, new JsonSerializer<>() {
        @Override
        public void serialize(ConversationStatus value, JsonGenerator gen, SerializerProvider provider)
            throws IOException {
          gen.writeString(value.wireName());
        }
      }));

  private ApiJson() {}
}
