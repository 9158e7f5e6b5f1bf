package dev.parley.langchain4j.internal;

import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.audio.TextToSpeechModel;
import dev.langchain4j.model.audio.TextToSpeechRequest;
import dev.langchain4j.model.audio.TextToSpeechResponse;

/**
 * A {@link TextToSpeechModel} that reports the audio it returns as Media Generated (type
 * {@code audio}) on the AI Service invocation whose tool called it. Thread-safe if the
 * delegate is.
 */
public final class TrackingTextToSpeechModel implements TextToSpeechModel {
  private final TextToSpeechModel delegate;
  private final Recorder recorder;

  public TrackingTextToSpeechModel(TextToSpeechModel delegate, Recorder recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  @Override
  public TextToSpeechResponse synthesize(TextToSpeechRequest request) {
    TextToSpeechResponse response = delegate.synthesize(request);
    Audio audio = response == null ? null : response.audio();
    if (audio != null) {
      recorder.mediaGenerated("audio", audio.mimeType(), audio.url(), "text_to_speech_model");
    }
    return response;
  }

  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }
}
