package org.hyla4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM lists every published artifact of the reactor at {@code ${project.version}}, only ours,
 * with no scopes, no parent and nothing but dependency management (JUnit's BOM, not Guice's).
 */
class BomContractTest {

    private static Document parse(Path pom) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        return Files.exists(p.resolve("bom/pom.xml")) ? p : p.getParent();
    }

    private static String child(Element e, String name) {
        NodeList l = e.getElementsByTagName(name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    @Test
    void bomListsEveryModuleOnlyOursAtTheProjectVersionWithoutScopes() throws Exception {
        Document bom = parse(root().resolve("bom/pom.xml"));
        Element project = bom.getDocumentElement();
        assertThat(project.getElementsByTagName("parent").getLength()).as("no parent").isZero();
        assertThat(project.getElementsByTagName("scope").getLength()).as("no scopes").isZero();
        assertThat(project.getElementsByTagName("dependencies").getLength()).as("only dependencyManagement").isEqualTo(1);
        List<String> listed = new ArrayList<>();
        NodeList deps = project.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(child(d, "groupId")).isEqualTo("org.hyla4j");
            assertThat(child(d, "version")).isEqualTo("${project.version}");
            listed.add(child(d, "artifactId"));
        }
        Document parent = parse(root().resolve("pom.xml"));
        assertThat(child(project, "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
        List<String> published = new ArrayList<>();
        NodeList modules = parent.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            if (!module.equals("bom") && !module.equals("benchmarks")) { // benchmarks is a tool, never published
                Element m = parse(root().resolve(module).resolve("pom.xml")).getDocumentElement();
                published.add(directChild(m, "artifactId"));
            }
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
    }

    private static String directChild(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }
}
