package dev.inference.testkit;

import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Tool;
import java.net.URI;
import java.util.Map;

/**
 * What the rules ask of a fixture, whatever its transport: the profile and where the request
 * carries each canonical field. {@link WireFixture} and {@link SocketWireFixture} both answer it.
 */
interface KitFixture {

  ProviderSettings.Builder settings(URI endpoint);

  WireFixture.RequestPointers pointers();

  Map<String, JsonValue> responseFormatMembers(ResponseFormat format);

  Map<String, JsonValue> toolMembers(Tool tool);

  Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result);

  Map<String, JsonValue> imageMembers(Part.Image image);

  static KitFixture of(WireFixture fixture) {
    return new KitFixture() {
      @Override
      public ProviderSettings.Builder settings(URI endpoint) {
        return fixture.settings(endpoint);
      }

      @Override
      public WireFixture.RequestPointers pointers() {
        return fixture.pointers();
      }

      @Override
      public Map<String, JsonValue> responseFormatMembers(ResponseFormat format) {
        return fixture.responseFormatMembers(format);
      }

      @Override
      public Map<String, JsonValue> toolMembers(Tool tool) {
        return fixture.toolMembers(tool);
      }

      @Override
      public Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result) {
        return fixture.toolResultMembers(call, result);
      }

      @Override
      public Map<String, JsonValue> imageMembers(Part.Image image) {
        return fixture.imageMembers(image);
      }
    };
  }

  static KitFixture of(SocketWireFixture fixture) {
    return new KitFixture() {
      @Override
      public ProviderSettings.Builder settings(URI endpoint) {
        return fixture.settings(endpoint);
      }

      @Override
      public WireFixture.RequestPointers pointers() {
        return fixture.pointers();
      }

      @Override
      public Map<String, JsonValue> responseFormatMembers(ResponseFormat format) {
        return fixture.responseFormatMembers(format);
      }

      @Override
      public Map<String, JsonValue> toolMembers(Tool tool) {
        return fixture.toolMembers(tool);
      }

      @Override
      public Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result) {
        return fixture.toolResultMembers(call, result);
      }

      @Override
      public Map<String, JsonValue> imageMembers(Part.Image image) {
        return fixture.imageMembers(image);
      }
    };
  }
}
