package dev.parley.langchain4j.internal;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import java.util.List;

/**
 * An {@link ImageModel} that reports each image it returns as Media Generated (type
 * {@code image}) on the AI Service invocation whose tool called it. Thread-safe if the
 * delegate is.
 */
public final class TrackingImageModel implements ImageModel {
  private final ImageModel delegate;
  private final Recorder recorder;

  public TrackingImageModel(ImageModel delegate, Recorder recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  @Override
  public Response<Image> generate(String prompt) {
    return recorded(delegate.generate(prompt));
  }

  @Override
  public Response<List<Image>> generate(String prompt, int n) {
    Response<List<Image>> response = delegate.generate(prompt, n);
    if (response != null && response.content() != null) {
      response.content().forEach(this::record);
    }
    return response;
  }

  @Override
  public Response<Image> edit(Image image, String prompt) {
    return recorded(delegate.edit(image, prompt));
  }

  @Override
  public Response<Image> edit(Image image, Image mask, String prompt) {
    return recorded(delegate.edit(image, mask, prompt));
  }

  private Response<Image> recorded(Response<Image> response) {
    if (response != null) {
      record(response.content());
    }
    return response;
  }

  private void record(Image image) {
    if (image != null) {
      recorder.mediaGenerated("image", image.mimeType(), image.url(), "image_model");
    }
  }
}
