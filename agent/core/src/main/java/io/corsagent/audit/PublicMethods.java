package io.corsagent.audit;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A container object's servlet API method found by name for a reflective call, so that one core serves javax and
 * jakarta: the method as a public interface or class declares it, so it can be invoked on a non-public class.
 */
final class PublicMethods {

    private PublicMethods() {
    }

    static Method publicMethod(Class<?> type, String name) throws NoSuchMethodException {
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
        if (!Modifier.isPublic(api.getModifiers())) {
            return null;
        }
        try {
            return api.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
