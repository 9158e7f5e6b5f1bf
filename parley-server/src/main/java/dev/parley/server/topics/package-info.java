/**
 * Topics: what users ask the copilot about, found on the machine. Each conversation's first
 * user message is embedded by a small sentence-embedding model that runs inside the server
 * ({@link MiniLmEmbedder}); the embeddings are grouped by spherical k-means with k chosen by
 * silhouette ({@link TopicClustering}), and each group is named by its most distinctive words
 * (class-based TF-IDF, {@link Keywords}). {@link TopicWorker} does it in the background, behind
 * the loader, so ingest never waits on it; {@link TopicQueries} answers the read API.
 */
package dev.parley.server.topics;
