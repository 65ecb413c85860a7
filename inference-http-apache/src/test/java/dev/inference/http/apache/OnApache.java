package dev.inference.http.apache;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Tool;
import dev.inference.testkit.Scenario;
import dev.inference.testkit.WireFixture;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** A driver's wire fixture whose every profile sets {@code http_client = "apache"}. */
final class OnApache implements WireFixture {

  private final WireFixture driver;

  OnApache(WireFixture driver) {
    this.driver = driver;
  }

  @Override
  public ProviderSettings.Builder settings(URI server) {
    return driver
        .settings(server)
        .option("http_client", JsonValue.of(ApacheHttpEngineFactory.NAME));
  }

  @Override
  public MappingBuilder chatRequest() {
    return driver.chatRequest();
  }

  @Override
  public Optional<ResponseDefinitionBuilder> render(Scenario scenario) {
    return driver.render(scenario);
  }

  @Override
  public RequestPointers pointers() {
    return driver.pointers();
  }

  @Override
  public Map<String, JsonValue> responseFormatMembers(ResponseFormat format) {
    return driver.responseFormatMembers(format);
  }

  @Override
  public Map<String, JsonValue> toolMembers(Tool tool) {
    return driver.toolMembers(tool);
  }

  @Override
  public Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result) {
    return driver.toolResultMembers(call, result);
  }

  @Override
  public Map<String, JsonValue> imageMembers(Part.Image image) {
    return driver.imageMembers(image);
  }
}
