package dev.parley.server.otlp;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The two encodings of OTLP/HTTP; an answer is written in the encoding of its request. */
enum OtlpEncoding {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private final String contentType;

  OtlpEncoding(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /** The encoding a {@code Content-Type} names (parameters such as {@code charset} aside). */
  static Optional<OtlpEncoding> of(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/x-protobuf", "application/protobuf" -> Optional.of(PROTOBUF);
      case "application/json" -> Optional.of(JSON);
      default -> Optional.empty();
    };
  }

  /** Reads a request; throws {@link InvalidRequestException} for a body that is none. */
  ExportTraceServiceRequest read(byte[] body, OtlpJson json) {
    if (this == JSON) {
      return json.read(body);
    }
    try {
      return ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidRequestException("the body is not an OTLP trace export request in protobuf: " + e.getMessage());
    }
  }

  byte[] write(ExportTraceServiceResponse response) {
    return this == JSON ? OtlpJson.write(response).getBytes(StandardCharsets.UTF_8) : response.toByteArray();
  }

  /**
   * A {@code google.rpc.Status} (code and message; no details), the body OTLP gives every error
   * answer. Written field by field: the class is not in {@code opentelemetry-proto}.
   */
  byte[] status(int grpcCode, String message, OtlpJson json) {
    if (this == JSON) {
      return json.status(grpcCode, message).getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length() + 16);
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      out.writeInt32(1, grpcCode);
      out.writeString(2, message);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
