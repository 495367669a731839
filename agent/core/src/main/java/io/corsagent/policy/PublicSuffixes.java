package io.corsagent.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The bundled Public Suffix List snapshot ({@code public-suffixes.dat}, which names its source and date), read
 * once on first use. Only policy loading asks it, never a request.
 */
final class PublicSuffixes {

    private static final String RESOURCE = "public-suffixes.dat";

    private PublicSuffixes() {
    }

    /** Loaded on first use (class holder idiom): most JVMs never load a policy with a wildcard. */
    private static final class Rules {
        static final Set<String> EXACT = new HashSet<>();
        static final Set<String> WILDCARD_PARENTS = new HashSet<>();
        static final Set<String> EXCEPTIONS = new HashSet<>();

        static {
            try (InputStream in = PublicSuffixes.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty() || line.startsWith("//")) {
                        continue;
                    }
                    if (line.startsWith("!")) {
                        EXCEPTIONS.add(line.substring(1));
                    } else if (line.startsWith("*.")) {
                        WILDCARD_PARENTS.add(line.substring(2));
                    } else {
                        EXACT.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * @param domain lower-case host name without a leading dot, such as {@code co.uk} or {@code example.com}
     * @return whether anyone can register names directly under it (so {@code *.domain} spans unrelated sites)
     */
    static boolean isPublicSuffix(String domain) {
        if (domain.indexOf('.') < 0) {
            // Every top-level domain is a public suffix (the list's implicit "*" rule); localhost is the one
            // single-label name under which every host is the developer's own.
            return !"localhost".equals(domain);
        }
        if (Rules.EXCEPTIONS.contains(domain)) {
            return false;
        }
        if (Rules.EXACT.contains(domain)) {
            return true;
        }
        return Rules.WILDCARD_PARENTS.contains(domain.substring(domain.indexOf('.') + 1));
    }
}
