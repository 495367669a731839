package io.corsagent.audit;

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

    /** One registered filter: its class and its URL pattern mappings (servlet-name mappings are not paths). */
    static final class Registration {
        final String className;
        final Collection<String> urlPatterns;

        Registration(String className, Collection<String> urlPatterns) {
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
            for (Object registration : (Collection<?>) byName.values()) {
                Object className = publicMethod(registration.getClass(), "getClassName").invoke(registration);
                Object patterns = publicMethod(registration.getClass(), "getUrlPatternMappings").invoke(registration);
                if (className != null) {
                    List<String> urlPatterns = new ArrayList<>();
                    for (Object pattern : patterns == null ? Collections.emptyList() : (Collection<?>) patterns) {
                        urlPatterns.add(String.valueOf(pattern));
                    }
                    found.add(new Registration(className.toString(), urlPatterns));
                }
            }
            return found;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A container that hides its registrations (or throws for a context it did not create in code): the
            // finding then names only the CORS filters the chain showed.
            return Collections.emptyList();
        }
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

    /** The method as declared by a public interface or class, so it can be invoked on a non-public class. */
    private static Method publicMethod(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> api : c.getInterfaces()) {
                Method method = findIn(api, name);
                if (method != null) {
                    return method;
                }
            }
        }
        return type.getMethod(name);
    }

    private static Method findIn(Class<?> api, String name) {
        if (!java.lang.reflect.Modifier.isPublic(api.getModifiers())) {
            return null;
        }
        try {
            return api.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
