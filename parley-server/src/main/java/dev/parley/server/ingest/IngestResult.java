package dev.parley.server.ingest;

import java.util.List;

/** How one request ended: stored (perhaps with messages refused in block mode), or rejected. */
public sealed interface IngestResult {
  /** Every accepted message is durable; {@code refused} lists those block mode kept out. */
  record Stored(int accepted, List<RefusedMessage> refused) implements IngestResult {
    public Stored {
      refused = List.copyOf(refused);
    }
  }

  /** Nothing of the request was stored. */
  record Rejected(Rejection rejection) implements IngestResult {}
}
