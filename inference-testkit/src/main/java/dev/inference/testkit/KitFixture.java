package dev.inference.testkit;

import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Tool;
import java.net.URI;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

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
    return new Adapter(
        fixture::settings,
        fixture::pointers,
        fixture::responseFormatMembers,
        fixture::toolMembers,
        fixture::toolResultMembers,
        fixture::imageMembers);
  }

  static KitFixture of(SocketWireFixture fixture) {
    return new Adapter(
        fixture::settings,
        fixture::pointers,
        fixture::responseFormatMembers,
        fixture::toolMembers,
        fixture::toolResultMembers,
        fixture::imageMembers);
  }

  /** Either fixture, by its methods. */
  record Adapter(
      Function<URI, ProviderSettings.Builder> settingsFor,
      Supplier<WireFixture.RequestPointers> pointersOf,
      Function<ResponseFormat, Map<String, JsonValue>> formatMembers,
      Function<Tool, Map<String, JsonValue>> toolMembersOf,
      BiFunction<Part.ToolCall, Part.ToolResult, Map<String, JsonValue>> resultMembers,
      Function<Part.Image, Map<String, JsonValue>> imageMembersOf)
      implements KitFixture {

    @Override
    public ProviderSettings.Builder settings(URI endpoint) {
      return settingsFor.apply(endpoint);
    }

    @Override
    public WireFixture.RequestPointers pointers() {
      return pointersOf.get();
    }

    @Override
    public Map<String, JsonValue> responseFormatMembers(ResponseFormat format) {
      return formatMembers.apply(format);
    }

    @Override
    public Map<String, JsonValue> toolMembers(Tool tool) {
      return toolMembersOf.apply(tool);
    }

    @Override
    public Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result) {
      return resultMembers.apply(call, result);
    }

    @Override
    public Map<String, JsonValue> imageMembers(Part.Image image) {
      return imageMembersOf.apply(image);
    }
  }
}
