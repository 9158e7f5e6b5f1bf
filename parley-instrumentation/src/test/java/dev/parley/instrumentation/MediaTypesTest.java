package dev.parley.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MediaTypesTest {
  @Test
  void theSubTypeIsTheMimeSubtypeWithCommonNamesForAudio() {
    assertThat(MediaTypes.subType("image/png", null)).isEqualTo("png");
    assertThat(MediaTypes.subType("IMAGE/JPEG; q=1", null)).isEqualTo("jpeg");
    assertThat(MediaTypes.subType("image/svg+xml", null)).isEqualTo("svg");
    assertThat(MediaTypes.subType("audio/mpeg", null)).isEqualTo("mp3");
    assertThat(MediaTypes.subType("audio/x-wav", null)).isEqualTo("wav");
    assertThat(MediaTypes.subType("audio/x-flac", null)).isEqualTo("flac");
  }

  @Test
  void withoutAMimeTypeTheUrlsExtensionIsUsedThenUnknown() {
    assertThat(MediaTypes.subType(null, URI.create("https://img.example/a/cat.GIF?x=1"))).isEqualTo("gif");
    assertThat(MediaTypes.subType(null, URI.create("https://img.example/a.b/cat"))).isEqualTo("unknown");
    assertThat(MediaTypes.subType(null, null)).isEqualTo("unknown");
    assertThat(MediaTypes.subType("image/", null)).isEqualTo("unknown");
  }
}
