package io.corsagent.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.corsagent.hooks.HookPoint;

/**
 * Which classes the installed hook points may instrument, told from a class's name and class loader alone.
 *
 * <p>Every class the JVM loads passes through {@link #isCandidate}, so it neither allocates nor reads anything: a
 * hash lookup of the exact class names and a substring test per distinct name part of the subtype points. Only the
 * few classes that pass are read: their super types by {@link SuperTypes} (or, for a class loaded already, through
 * reflection), their methods by the {@link Weaver}.
 */
final class HookTargets {

    /** The JDK and the agent's own bridge and launcher, as internal-name prefixes: never instrumented. */
    private static final String[] NEVER = {"java/", "jdk/", "sun/", "com/sun/", "io/corsagent/bridge/",
            "io/corsagent/launcher/"};

    private final List<HookPoint> points;
    private final ClassLoader agentLoader;
    /** Internal names ({@code a/b/C}) of the classes of {@link HookPoint#inClass} points. */
    private final Set<String> classNames = new HashSet<>();
    /** The distinct name parts of {@link HookPoint#inSubtypes} points. */
    private final String[] nameParts;

    /**
     * @param agentLoader the agent's own class loader, whose classes (Byte Buddy, the hooks' advice) are never
     *                    instrumented. Not by a package prefix: the test apps and the demo app live under io.corsagent
     *                    and must be instrumented like any app.
     */
    HookTargets(List<HookPoint> points, ClassLoader agentLoader) {
        this.points = Collections.unmodifiableList(new ArrayList<>(points));
        this.agentLoader = agentLoader;
        Set<String> parts = new HashSet<>();
        for (HookPoint point : points) {
            if (point.className() != null) {
                classNames.add(point.className().replace('.', '/'));
            } else {
                parts.add(point.nameContains());
            }
        }
        this.nameParts = parts.toArray(new String[0]);
    }

    /**
     * Whether a class about to be defined (or redefined) may be instrumented: neither the bootstrap loader's
     * ({@code null}) nor the agent's, and named like a point's class.
     *
     * @param internalName as a {@code ClassFileTransformer} receives it: {@code a/b/C}, or {@code null}
     */
    boolean isCandidate(ClassLoader loader, String internalName) {
        if (loader == null || loader == agentLoader || internalName == null) {
            return false;
        }
        if (!classNames.contains(internalName) && !containsNamePart(internalName)) {
            return false;
        }
        for (String prefix : NEVER) {
            if (internalName.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    private boolean containsNamePart(String internalName) {
        for (String part : nameParts) {
            if (internalName.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The points that apply to a candidate about to be defined or redefined, in installation order: those it passes
     * the name test of and, for a subtype point, extends or implements the super type of. Their methods are checked
     * when it is woven.
     *
     * @param redefined the class, when it is loaded already (a retransformation): its super types are then those
     *                  {@link #matchesLoaded} chose it by, not read from class files
     * @throws IllegalArgumentException when {@code classFile} is not a class file the reader knows
     */
    List<HookPoint> pointsApplyingTo(ClassLoader loader, String internalName, byte[] classFile, Class<?> redefined) {
        List<HookPoint> applying = pointsNamedLike(internalName);
        applying.removeIf(point -> point.superType() != null && !(redefined != null
                ? isLoadedSubtype(redefined, point.superType())
                : SuperTypes.isClassExtending(loader, classFile, point.superType())));
        return applying;
    }

    /** The points whose name test a candidate passes, in installation order; their super types still unchecked. */
    private List<HookPoint> pointsNamedLike(String internalName) {
        String binaryName = internalName.replace('/', '.');
        List<HookPoint> named = new ArrayList<>();
        for (HookPoint point : points) {
            if (point.className() != null
                    ? binaryName.equals(point.className())
                    : binaryName.contains(point.nameContains())) {
                named.add(point);
            }
        }
        return named;
    }

    /**
     * Whether a class already loaded (after an attach) is one a point instruments: a candidate by name and, for a
     * subtype point, a class extending or implementing its super type. Its methods are checked when it is woven.
     */
    boolean matchesLoaded(Class<?> type) {
        String internalName = type.getName().replace('.', '/');
        if (!isCandidate(type.getClassLoader(), internalName)) {
            return false;
        }
        for (HookPoint point : pointsNamedLike(internalName)) {
            if (point.className() != null || isLoadedSubtype(type, point.superType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoadedSubtype(Class<?> type, String superType) {
        return !type.isInterface() && isSubtype(type, superType);
    }

    private static boolean isSubtype(Class<?> type, String superType) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (current.getName().equals(superType) || anyIsSubtype(current.getInterfaces(), superType)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyIsSubtype(Class<?>[] interfaces, String superType) {
        for (Class<?> candidate : interfaces) {
            if (isSubtype(candidate, superType)) {
                return true;
            }
        }
        return false;
    }
}
