package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoredKeyFilterTest {
  @Test
  void everyAddedKeyIsFoundAcrossGrowth() {
    StoredKeyFilter filter = new StoredKeyFilter(1_000); // grows several times below
    String[] ids = new String[300_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = UUID.randomUUID().toString();
      filter.add(i % 2 == 0 ? "src_a" : "src_b", ids[i]);
    }
    for (int i = 0; i < ids.length; i++) {
      assertThat(filter.mightContain(i % 2 == 0 ? "src_a" : "src_b", ids[i])).as("key %d", i).isTrue();
    }
    assertThat(filter.keys()).isEqualTo(ids.length);
  }

  @Test
  void falsePositivesAreRareAtCapacity() {
    int capacity = 200_000;
    StoredKeyFilter filter = new StoredKeyFilter(capacity);
    for (int i = 0; i < capacity; i++) {
      filter.add("src_a", "stored-" + i);
    }
    int falsePositives = 0;
    int lookups = 2_000_000;
    for (int i = 0; i < lookups; i++) {
      if (filter.mightContain("src_a", "fresh-" + i)) {
        falsePositives++;
      }
    }
    // Designed for about 1 in 100,000; allow a factor of five for the blocked layout's spread.
    assertThat(falsePositives).as("false positives in %d lookups", lookups).isLessThan(lookups / 20_000);
  }

  @Test
  void theSourceIsPartOfTheKey() {
    StoredKeyFilter filter = new StoredKeyFilter(1_000);
    filter.add("src_a", "m1");
    assertThat(filter.mightContain("src_a", "m1")).isTrue();
    assertThat(filter.mightContain("src_b", "m1")).isFalse();
    assertThat(filter.mightContain("src_a", "m2")).isFalse();
    // The separator keeps ("ab", "c") apart from ("a", "bc").
    assertThat(StoredKeyFilter.hash("ab", "c")).isNotEqualTo(StoredKeyFilter.hash("a", "bc"));
  }

  @Test
  void growthKeepsTheHeapNearFourBytesPerKey() {
    StoredKeyFilter filter = new StoredKeyFilter(100_000);
    for (int i = 0; i < 1_000_000; i++) {
      filter.add("src_a", "m" + i);
    }
    // 100k + 200k + 400k + 800k slots at 4 bytes each.
    assertThat(filter.bytes()).isBetween(4L * 1_000_000, 4L * 1_600_000);
  }

  @Test
  void aWrittenFilterReadsBackWithEveryKeyAndItsSize() throws Exception {
    StoredKeyFilter filter = new StoredKeyFilter(1_000);
    for (int i = 0; i < 200_000; i++) {
      filter.add("src", "id-" + i); // past the first table's capacity: several tables
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      filter.writeTo(out);
    }
    StoredKeyFilter read = StoredKeyFilter.readFrom(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), bytes.size());

    assertThat(read.keys()).isEqualTo(200_000);
    assertThat(read.bytes()).isEqualTo(filter.bytes());
    for (int i = 0; i < 200_000; i++) {
      assertThat(read.mightContain("src", "id-" + i)).isTrue();
    }
    int differ = 0;
    for (int i = 0; i < 100_000; i++) {
      differ += read.mightContain("src", "absent-" + i) == filter.mightContain("src", "absent-" + i) ? 0 : 1;
    }
    assertThat(differ).as("the same answers for keys never added").isZero();
  }

  @Test
  void aTableLargerThanItsSourceIsRefusedBeforeAllocating() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(1);
      out.writeInt(1);
      out.writeLong(1L << 40); // a damaged capacity: 4 TiB of bits
    }
    assertThatThrownBy(() -> StoredKeyFilter.readFrom(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), bytes.size()))
        .isInstanceOf(IOException.class).hasMessageContaining("larger than its file");
  }
}
