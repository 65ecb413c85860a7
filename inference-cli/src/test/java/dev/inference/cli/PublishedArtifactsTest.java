package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Maven Central and the project's users need of the POMs: the BOM names every published
 * module, each published module says what it is, and the parent carries the metadata every POM
 * inherits. A new module that forgets one of these fails here, not at release time.
 */
class PublishedArtifactsTest {

  private static final Path ROOT = Path.of("..");

  /** Never published: side-by-side measurements, never a dependency of anything. */
  private static final List<String> UNPUBLISHED = List.of("inference-benchmarks", "inference-bom");

  private static Document pom(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  /** The text of the direct child elements of the document's root with the given name. */
  private static String child(Document pom, String name) {
    NodeList children = pom.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent().trim();
      }
    }
    return "";
  }

  private static List<String> texts(Document pom, String tag) {
    NodeList nodes = pom.getElementsByTagName(tag);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().trim());
    }
    return texts;
  }

  private static List<String> publishedModules() throws Exception {
    List<String> modules = new ArrayList<>(texts(pom(ROOT.resolve("pom.xml")), "module"));
    modules.removeAll(UNPUBLISHED);
    return modules;
  }

  @Test
  void theBomNamesEveryPublishedModuleAndNothingElse() throws Exception {
    Document bom = pom(ROOT.resolve("inference-bom/pom.xml"));
    List<String> managed = texts(bom, "artifactId");
    managed.removeIf(id -> id.equals("inference-bom") || id.startsWith("maven-"));
    managed.removeIf(id -> id.equals("central-publishing-maven-plugin"));
    assertThat(managed).containsExactlyInAnyOrderElementsOf(publishedModules());
  }

  @Test
  void everyPublishedModuleSaysWhatItIs() throws Exception {
    for (String module : publishedModules()) {
      Path file = ROOT.resolve(module).resolve("pom.xml");
      assertThat(file).exists();
      Document pom = pom(file);
      assertThat(child(pom, "name")).as("%s <name>", module).startsWith("Inference for Java: ");
      assertThat(child(pom, "description")).as("%s <description>", module).hasSizeGreaterThan(20);
      assertThat(child(pom, "url")).as("%s inherits the project's URL", module).isEmpty();
      assertThat(
              Files.exists(ROOT.resolve(module).resolve("README.md")) || isDocumentedInRoot(module))
          .as("%s is documented", module)
          .isTrue();
    }
  }

  private static boolean isDocumentedInRoot(String module) throws Exception {
    return Files.readString(ROOT.resolve("README.md")).contains("`" + module + "`");
  }

  @Test
  void theParentAndTheBomCarryWhatCentralRequires() throws Exception {
    for (String file : List.of("pom.xml", "inference-bom/pom.xml")) {
      Document pom = pom(ROOT.resolve(file));
      assertThat(child(pom, "url")).as(file).startsWith("https://");
      assertThat(texts(pom, "license")).as(file).hasSize(1);
      assertThat(texts(pom, "developer")).as(file).isNotEmpty();
      assertThat(texts(pom, "connection"))
          .as(file)
          .singleElement()
          .asString()
          .startsWith("scm:git:");
      assertThat(texts(pom, "project.build.outputTimestamp")).as(file).hasSize(1);
      assertThat(pom.getElementsByTagName("profile").getLength()).as(file).isEqualTo(1);
    }
    assertThat(ROOT.resolve("LICENSE")).content().contains("Apache License");
  }
}
