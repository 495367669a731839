package io.corsagent.tests.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's shipped policy, demo-app/cors-policy.properties, with its frontend origin moved to the port the test
 * chose. Everything else is tested exactly as shipped.
 */
final class DemoPolicy {

    static final String SHIPPED_PAGE_ORIGIN = "http://localhost:8081";

    private DemoPolicy() {
    }

    static Path forPageOrigin(String pageOrigin, Path directory) throws IOException {
        String shipped = Files.readString(BuiltArtifacts.demoPolicy(), StandardCharsets.UTF_8);
        if (!shipped.contains(SHIPPED_PAGE_ORIGIN)) {
            throw new IllegalStateException(BuiltArtifacts.demoPolicy() + " no longer names " + SHIPPED_PAGE_ORIGIN
                    + ": update this test with the demo's default page origin");
        }
        Path policy = directory.resolve("cors-policy-" + pageOrigin.replaceAll("\\W", "_") + ".properties");
        Files.createDirectories(directory);
        Files.writeString(policy, shipped.replace(SHIPPED_PAGE_ORIGIN, pageOrigin), StandardCharsets.UTF_8);
        return policy;
    }
}
