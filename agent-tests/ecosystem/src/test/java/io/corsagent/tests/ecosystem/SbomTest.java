package io.corsagent.tests.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.Test;

/**
 * The CycloneDX SBOM the build writes for cors-agent.jar (in the jar and beside it) names what is shaded inside, with
 * the versions the build used, and {@code java -jar cors-agent.jar --version} prints the same list.
 */
class SbomTest {

    private static final String IN_JAR = "META-INF/sbom/cors-agent.cdx.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The CycloneDX plugin's goal requires online mode: Maven skips it in a build with {@code -o}. */
    private static final String OFFLINE = " (was agent/dist built with mvn -o? The SBOM is made by online builds only)";

    /** group:name version of the third-party components, sorted: what the build shades into the nested bundle. */
    private static List<String> expectedThirdParty() throws IOException {
        String byteBuddy = Ecosystem.property("byte-buddy.version");
        String asm = asmVersionInsideByteBuddy(byteBuddy);
        String tinylog = Ecosystem.property("tinylog.version");
        return List.of(
                "net.bytebuddy:byte-buddy " + byteBuddy,
                "net.bytebuddy:byte-buddy-agent " + byteBuddy,
                "org.ow2.asm:asm " + asm,
                "org.ow2.asm:asm-commons " + asm,
                "org.tinylog:tinylog-api " + tinylog,
                "org.tinylog:tinylog-impl " + tinylog);
    }

    @Test
    void theSbomInTheJarListsTheShadedComponentsWithTheirVersions() throws Exception {
        JsonNode bom;
        try (JarFile jar = new JarFile(TestPaths.agentJar().toFile())) {
            ZipEntry entry = jar.getEntry(IN_JAR);
            assertNotNull(entry, IN_JAR + " is missing from cors-agent.jar" + OFFLINE);
            try (InputStream in = jar.getInputStream(entry)) {
                bom = JSON.readTree(in);
            }
        }
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        JsonNode self = bom.path("metadata").path("component");
        assertEquals("io.corsagent:cors-agent " + Ecosystem.property("cors.version"),
                self.path("group").asText() + ":" + self.path("name").asText() + " " + self.path("version").asText());

        List<String> thirdParty = new ArrayList<>();
        for (JsonNode component : bom.path("components")) {
            if (!component.path("group").asText().equals("io.corsagent")) {
                thirdParty.add(component.path("group").asText() + ":" + component.path("name").asText() + " "
                        + component.path("version").asText());
                assertTrue(component.path("purl").asText().startsWith("pkg:maven/"), component::toString);
                assertFalse(component.path("hashes").isEmpty(), component::toString);
            }
        }
        thirdParty.sort(null);
        assertEquals(expectedThirdParty(), thirdParty);

        // The one beside the jar lists the same.
        Path besideTheJar = TestPaths.agentJar().resolveSibling("cors-agent.cdx.json");
        assertTrue(Files.isRegularFile(besideTheJar), besideTheJar + " is missing" + OFFLINE);
        JsonNode beside = JSON.readTree(besideTheJar.toFile());
        assertEquals(bom.path("components"), beside.path("components"));
    }

    @Test
    void whatTheSbomListsIsInsideTheJarRelocated() throws Exception {
        List<String> classes = List.of(
                "io/corsagent/shaded/bytebuddy/ByteBuddy.class",
                "io/corsagent/shaded/bytebuddy/agent/ByteBuddyAgent.class",
                "io/corsagent/shaded/bytebuddy/jar/asm/ClassReader.class",
                "io/corsagent/shaded/bytebuddy/jar/asm/commons/ClassRemapper.class",
                "io/corsagent/shaded/tinylog/Logger.class",
                "io/corsagent/shaded/tinylog/core/TinylogLoggingProvider.class");
        List<String> missing = new ArrayList<>(classes);
        try (JarFile jar = new JarFile(TestPaths.agentJar().toFile());
             JarInputStream bundle = new JarInputStream(
                     jar.getInputStream(jar.getEntry("META-INF/cors-agent/agent-bundle.jar")))) {
            for (ZipEntry entry = bundle.getNextEntry(); entry != null; entry = bundle.getNextEntry()) {
                missing.remove(entry.getName());
            }
        }
        assertEquals(List.of(), missing, "not in the nested bundle");
    }

    @Test
    void versionPrintsTheShadedComponents() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TestPaths.agentJar().toString(), "--version").start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "cors-agent.jar did not exit");
        assertEquals(0, process.exitValue(), err);

        StringBuilder expected = new StringBuilder("cors-agent " + Ecosystem.property("cors.version") + "\n")
                .append("Inside, relocated (CycloneDX SBOM: META-INF/sbom/cors-agent.cdx.xml in cors-agent.jar):\n");
        for (String component : expectedThirdParty()) {
            expected.append("  ").append(component).append('\n');
        }
        assertEquals(expected.toString(), out);
    }

    /**
     * The ASM Byte Buddy repackages is no Maven dependency of it (it is shaded into its jar), so agent/dist names it
     * by hand for the SBOM; this reads the version Byte Buddy's own build used, {@code version.asm} of its parent pom,
     * which Maven downloaded with Byte Buddy, so that an upgrade of one without the other fails here.
     */
    private static String asmVersionInsideByteBuddy(String byteBuddy) throws IOException {
        Path parent = Paths.get(Ecosystem.property("maven.repo.local"), "net", "bytebuddy", "byte-buddy-parent",
                byteBuddy, "byte-buddy-parent-" + byteBuddy + ".pom");
        Matcher version = Pattern.compile("<version\\.asm>([^<]+)</version\\.asm>").matcher(Files.readString(parent));
        assertTrue(version.find(), "no version.asm in " + parent);
        return version.group(1);
    }
}
