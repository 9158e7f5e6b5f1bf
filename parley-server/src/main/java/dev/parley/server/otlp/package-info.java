/**
 * OTLP/HTTP on {@code POST /v1/traces}: OpenTelemetry spans that follow the GenAI semantic
 * conventions become the AI Copilot spec's events and take the same ingest path as Segment's
 * (content modes, validation, the ingest log, dedupe, erasure).
 */
package dev.parley.server.otlp;
