package io.corsagent.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The bundled Public Suffix List snapshot ({@code public-suffixes.dat}, which names its source and date). Only
 * policy loading asks it, never a request.
 */
public final class PublicSuffixes {

    private static final String RESOURCE = "public-suffixes.dat";

    private PublicSuffixes() {
    }

    /**
     * The rules, loaded when a policy with a subdomain wildcard is validated and held softly afterwards: about 2 MB
     * that no request ever needs, so the JVM may reclaim them between policy loads and they are read again next time.
     */
    private static SoftReference<Rules> loaded = new SoftReference<>(null);

    private static synchronized Rules rules() {
        Rules rules = loaded.get();
        if (rules == null) {
            rules = Rules.read();
            loaded = new SoftReference<>(rules);
        }
        return rules;
    }

    private static final class Rules {
        final Set<String> exact = new HashSet<>();
        final Set<String> wildcardParents = new HashSet<>();
        final Set<String> exceptions = new HashSet<>();

        static Rules read() {
            Rules rules = new Rules();
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
                        rules.exceptions.add(line.substring(1));
                    } else if (line.startsWith("*.")) {
                        rules.wildcardParents.add(line.substring(2));
                    } else {
                        rules.exact.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return rules;
        }
    }

    /**
     * @param domain lower-case host name without a leading dot, such as {@code co.uk} or {@code example.com}
     * @return whether anyone can register names directly under it (so {@code *.domain} spans unrelated sites)
     */
    public static boolean isPublicSuffix(String domain) {
        if (domain.indexOf('.') < 0) {
            // Every top-level domain is a public suffix (the list's implicit "*" rule); localhost is the one
            // single-label name under which every host is the developer's own.
            return !"localhost".equals(domain);
        }
        Rules rules = rules();
        if (rules.exceptions.contains(domain)) {
            return false;
        }
        if (rules.exact.contains(domain)) {
            return true;
        }
        return rules.wildcardParents.contains(domain.substring(domain.indexOf('.') + 1));
    }
}
