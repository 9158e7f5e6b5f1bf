/**
 * Privacy of conversation content: the content policy of each source (keep, mask, hash,
 * drop, applied in ingest before anything is written) and the suppression list of erased
 * users. Used by ingest and the store; imports neither.
 */
package dev.parley.server.privacy;
