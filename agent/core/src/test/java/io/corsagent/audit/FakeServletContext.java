package io.corsagent.audit;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The methods of a servlet context that the audit reads by reflection ({@code getFilterRegistrations},
 * {@code getContextPath}, {@code getClassLoader}), without a servlet API on the core's test class path.
 */
public final class FakeServletContext {

    private final String contextPath;
    private final Map<String, Registration> registrations = new LinkedHashMap<>();
    private ClassLoader classLoader;

    FakeServletContext(String contextPath, Registration... filters) {
        this.contextPath = contextPath;
        for (int i = 0; i < filters.length; i++) {
            registrations.put("filter" + i, filters[i]);
        }
    }

    /** Registers a filter under a name of its own (the constructor names them filter0, filter1...). */
    FakeServletContext register(String name, Registration filter) {
        registrations.put(name, filter);
        return this;
    }

    /** The app's class loader, as {@code getClassLoader} returns it. */
    FakeServletContext withClassLoader(ClassLoader loader) {
        classLoader = loader;
        return this;
    }

    public ClassLoader getClassLoader() {
        return classLoader;
    }

    public Map<String, Registration> getFilterRegistrations() {
        return registrations;
    }

    public String getContextPath() {
        return contextPath;
    }

    /** A filter registration: its class name and URL patterns. */
    public static final class Registration {
        private final String className;
        private final List<String> urlPatterns;

        Registration(String className, String... urlPatterns) {
            this.className = className;
            this.urlPatterns = Arrays.asList(urlPatterns);
        }

        public String getClassName() {
            return className;
        }

        public Collection<String> getUrlPatternMappings() {
            return urlPatterns;
        }
    }
}
