package io.corsagent.audit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The class names of the filters an app registered with its servlet context
 * ({@code ServletContext#getFilterRegistrations()}), read by reflection so that one core serves javax and jakarta.
 *
 * <p>Only called when a new finding is about to be logged, never per request.
 */
final class RegisteredFilters {

    private RegisteredFilters() {
    }

    static List<String> of(Object servletContext) {
        if (servletContext == null) {
            return Collections.emptyList();
        }
        try {
            Method registrations = publicMethod(servletContext.getClass(), "getFilterRegistrations");
            Map<?, ?> byName = (Map<?, ?>) registrations.invoke(servletContext);
            List<String> classNames = new ArrayList<>();
            for (Object registration : (Collection<?>) byName.values()) {
                Object className = publicMethod(registration.getClass(), "getClassName").invoke(registration);
                if (className != null) {
                    classNames.add(className.toString());
                }
            }
            return classNames;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A container that hides its registrations (or throws for a context it did not create in code): the
            // finding then names only the CORS filters the chain showed.
            return Collections.emptyList();
        }
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
