package dev.inference.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One golden case of {@code src/test/resources/golden}: {@code NAME.case} says what a host does
 * (the TOML, the loopback server's responses, the request lines), {@code NAME.golden} what the
 * original answered (exit code, HTTP requests its server saw, stdout line by line). The format is
 * in {@code golden/README.md}.
 */
record GoldenCase(
    String name,
    String config,
    List<ScriptedHttpServer.Response> responses,
    String stdin,
    Path golden) {

  /** What one run produced: the part of it a golden file keeps. */
  record Outcome(int exitCode, int requests, List<String> stdout) {

    String render() {
      StringBuilder out = new StringBuilder();
      out.append("exit ").append(exitCode).append('\n');
      out.append("requests ").append(requests).append('\n');
      out.append("--- stdout\n");
      stdout.forEach(line -> out.append(line).append('\n'));
      return out.toString();
    }

    static Outcome parse(String text) {
      List<String> lines = text.lines().toList();
      int exit = Integer.parseInt(lines.get(0).substring("exit ".length()));
      int requests = Integer.parseInt(lines.get(1).substring("requests ".length()));
      return new Outcome(exit, requests, lines.subList(3, lines.size()));
    }
  }

  static List<GoldenCase> all(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<GoldenCase> cases = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".case")).sorted().toList()) {
        cases.add(parse(file));
      }
      return cases;
    }
  }

  static GoldenCase parse(Path file) throws IOException {
    String fileName = file.getFileName().toString();
    String name = fileName.substring(0, fileName.length() - ".case".length());
    String config = null;
    StringBuilder stdin = new StringBuilder();
    List<ScriptedHttpServer.Response> responses = new ArrayList<>();
    String section = null;
    StringBuilder body = new StringBuilder();
    for (String line : (Files.readString(file, StandardCharsets.UTF_8) + "--- end\n").split("\n")) {
      if (line.startsWith("--- ")) {
        if ("config".equals(section)) {
          config = body.toString();
        } else if ("response".equals(section)) {
          responses.add(response(body.toString()));
        } else if ("stdin".equals(section)) {
          stdin.append(body);
        }
        section = line.substring(4).strip();
        body.setLength(0);
      } else if (section != null) {
        body.append(line).append('\n');
      }
    }
    if (config == null) {
      throw new IllegalArgumentException(file + " has no --- config section");
    }
    return new GoldenCase(
        name, config, responses, stdin.toString(), file.resolveSibling(name + ".golden"));
  }

  /** A head, an empty line, then the body as written (its last line break is not part of it). */
  private static ScriptedHttpServer.Response response(String text) {
    int split = text.indexOf("\n\n");
    String head = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 2);
    if (body.endsWith("\n")) {
      body = body.substring(0, body.length() - 1);
    }
    return new ScriptedHttpServer.Response(head, body.getBytes(StandardCharsets.UTF_8));
  }
}
