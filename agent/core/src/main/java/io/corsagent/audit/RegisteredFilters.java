package io.corsagent.audit;

import static io.corsagent.audit.PublicMethods.publicMethod;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The filters an app registered with its servlet context ({@code ServletContext#getFilterRegistrations()}) and the
 * URL patterns each is mapped to, read by reflection so that one core serves javax and jakarta.
 *
 * <p>Only called when a new finding is about to be logged, never per request.
 */
final class RegisteredFilters {

    /** One registered filter: its name, class and URL pattern mappings (servlet-name mappings are not paths). */
    static final class Registration {
        final String name;
        final String className;
        final Collection<String> urlPatterns;

        Registration(String name, String className, Collection<String> urlPatterns) {
            this.name = name;
            this.className = className;
            this.urlPatterns = urlPatterns;
        }

        /** Whether one of its URL patterns maps the path (within the context), by the servlet spec's rules. */
        boolean mapsPath(String pathInContext) {
            for (String pattern : urlPatterns) {
                if (matches(pattern, pathInContext)) {
                    return true;
                }
            }
            return false;
        }
    }

    private RegisteredFilters() {
    }

    static List<Registration> of(Object servletContext) {
        if (servletContext == null) {
            return Collections.emptyList();
        }
        try {
            Method registrations = publicMethod(servletContext.getClass(), "getFilterRegistrations");
            Map<?, ?> byName = (Map<?, ?>) registrations.invoke(servletContext);
            List<Registration> found = new ArrayList<>();
            for (Map.Entry<?, ?> entry : byName.entrySet()) {
                Object registration = entry.getValue();
                Object className = publicMethod(registration.getClass(), "getClassName").invoke(registration);
                Object patterns = publicMethod(registration.getClass(), "getUrlPatternMappings").invoke(registration);
                if (className != null) {
                    List<String> urlPatterns = new ArrayList<>();
                    for (Object pattern : patterns == null ? Collections.emptyList() : (Collection<?>) patterns) {
                        urlPatterns.add(String.valueOf(pattern));
                    }
                    found.add(new Registration(String.valueOf(entry.getKey()), className.toString(), urlPatterns));
                }
            }
            return found;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A container that hides its registrations (or throws for a context it did not create in code): the
            // finding then names only the CORS filters the chain showed.
            return Collections.emptyList();
        }
    }

    /**
     * The name under which the app registered the filter of this class that maps the request's path, or
     * {@code null} when none or several do (or the registrations cannot be read).
     *
     * @param path the request's path, context path included
     */
    static String nameOf(Object servletContext, String className, String path) {
        String pathInContext = pathInContext(servletContext, path);
        String name = null;
        for (Registration registration : of(servletContext)) {
            if (registration.className.equals(className) && pathInContext != null
                    && registration.mapsPath(pathInContext)) {
                if (name != null) {
                    return null;
                }
                name = registration.name;
            }
        }
        return name;
    }

    /** The request's path within its context (filter mappings are relative to it); {@code null} stays null. */
    static String pathInContext(Object servletContext, String path) {
        String contextPath = contextPath(servletContext);
        return path != null && path.startsWith(contextPath) ? path.substring(contextPath.length()) : path;
    }

    /** {@code ServletContext#getContextPath()}, or "" when it cannot be read. */
    static String contextPath(Object servletContext) {
        if (servletContext == null) {
            return "";
        }
        try {
            Object path = publicMethod(servletContext.getClass(), "getContextPath").invoke(servletContext);
            return path == null ? "" : path.toString();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "";
        }
    }

    /**
     * Servlet URL pattern matching (Servlet spec 12.2): exact, {@code /prefix/*} (the prefix itself included),
     * {@code *.ext} on the last segment, {@code /} and {@code /*} for everything, {@code ""} for the context root.
     */
    static boolean matches(String pattern, String path) {
        if (pattern.equals("/") || pattern.equals("/*")) {
            return true;
        }
        if (pattern.isEmpty()) {
            return path.isEmpty() || path.equals("/");
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        if (pattern.startsWith("*.")) {
            String lastSegment = path.substring(path.lastIndexOf('/') + 1);
            return lastSegment.endsWith(pattern.substring(1));
        }
        return pattern.equals(path);
    }
}
