/**
 * The SDK's machinery: encoding ({@link dev.parley.sdk.internal.MessageEncoder}), the
 * owner thread that batches ({@link dev.parley.sdk.internal.Batcher}), delivery with
 * retries ({@link dev.parley.sdk.internal.Uploader}, {@link dev.parley.sdk.internal.RetryPolicy})
 * and the disk spool ({@link dev.parley.sdk.internal.Spool}), all reading and waiting on
 * time through one {@link dev.parley.sdk.internal.TimeSource}. Not a public API: it may
 * change in any release.
 */
package dev.parley.sdk.internal;
