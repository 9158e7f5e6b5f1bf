package dev.parley.langchain4j.testing;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.audio.TextToSpeechModel;
import dev.langchain4j.model.audio.TextToSpeechRequest;
import dev.langchain4j.model.audio.TextToSpeechResponse;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;

/** A tool that draws a chart and reads it out, through the image and speech models it is given. */
public final class MediaTools {
  private final ImageModel images;
  private final TextToSpeechModel speech;

  public MediaTools(ImageModel images, TextToSpeechModel speech) {
    this.images = images;
    this.speech = speech;
  }

  @Tool("Draws a stock price chart and reads it out")
  public String stockChart(@P(name = "ticker", value = "the stock's ticker") String ticker) {
    images.generate("a chart of " + ticker);
    speech.synthesize(TextToSpeechRequest.builder().text("the chart of " + ticker).build());
    return "chart drawn";
  }

  /** An image model returning one PNG. */
  public static ImageModel pngImages() {
    return prompt -> Response.from(Image.builder().url("https://img.example/chart.png").mimeType("image/png").build());
  }

  /** A speech model returning MP3 audio. */
  public static TextToSpeechModel mp3Speech() {
    return request -> TextToSpeechResponse.from(Audio.builder().base64Data("AAAA").mimeType("audio/mpeg").build());
  }
}
