package io.corsagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomTest {

    @TempDir
    Path directory;

    @Test
    void listsTheTopLevelComponentsOfOthersSortedNotTheToolsNorTheAgentsOwn() throws IOException {
        ClassLoader loader = loaderWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\">\n"
                + "  <metadata>\n"
                + "    <tools><components><component type=\"library\"><group>org.cyclonedx</group>"
                + "<name>cyclonedx-maven-plugin</name><version>2.9.1</version></component></components></tools>\n"
                + "    <component type=\"library\"><group>io.corsagent</group><name>cors-agent</name>"
                + "<version>1.0.0</version></component>\n"
                + "  </metadata>\n"
                + "  <components>\n"
                + "    <component type=\"library\"><group>org.tinylog</group><name>tinylog-api</name>"
                + "<version>2.7.0</version></component>\n"
                + "    <component type=\"library\"><group>io.corsagent</group><name>agent-core</name>"
                + "<version>1.0.0</version></component>\n"
                + "    <component type=\"library\"><group>net.bytebuddy</group><name>byte-buddy</name>"
                + "<version>1.18.17</version></component>\n"
                + "  </components>\n"
                + "</bom>\n");
        assertEquals(Arrays.asList("net.bytebuddy:byte-buddy 1.18.17", "org.tinylog:tinylog-api 2.7.0"),
                Sbom.thirdPartyComponents(loader));
    }

    @Test
    void noSbomOnTheClassPathListsNothing() throws IOException {
        assertEquals(Collections.emptyList(), Sbom.thirdPartyComponents(new URLClassLoader(new URL[0], null)));
    }

    @Test
    void aDamagedSbomIsAnError() throws IOException {
        ClassLoader loader = loaderWith("<bom><components><component>");
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Sbom.thirdPartyComponents(loader));
        assertTrue(error.getMessage().startsWith("cannot read " + Sbom.RESOURCE + ": "), error.getMessage());
    }

    private ClassLoader loaderWith(String sbom) throws IOException {
        Path file = directory.resolve(Sbom.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.write(file, sbom.getBytes(StandardCharsets.UTF_8));
        return new URLClassLoader(new URL[] {directory.toUri().toURL()}, null);
    }
}
