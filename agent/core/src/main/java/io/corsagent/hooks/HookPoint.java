package io.corsagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One place a {@link ContainerHook} instruments: which classes, which of their methods, and the advice inlined there.
 *
 * <p>Classes are chosen by name first, so that the agent passes over every other class the JVM loads without reading
 * it: either one class by its name ({@link #inClass}), or, for an interface each container implements in a class of
 * its own, the classes whose name contains a word and that extend or implement that interface ({@link #inSubtypes}).
 *
 * <p>Methods are chosen by name and by a matcher of their signature. The name alone is what the agent can tell from
 * a class file before Byte Buddy is set up: a class loaded that early has its methods of that name guarded until it is
 * woven (see {@code io.corsagent.runtime.WeavingGuard}).
 *
 * <p>The advice is a class name, resolved from the hook's own class loader and never loaded, so it may refer to the
 * container's types. It is inlined as Advice only (no new fields or methods), which retransformation allows.
 */
public final class HookPoint {

    private final String className;
    private final String superType;
    private final String nameContains;
    private final String methodName;
    private final ElementMatcher<? super MethodDescription> methods;
    private final String adviceClass;

    private HookPoint(String className, String superType, String nameContains, String methodName,
                      ElementMatcher<? super MethodDescription> signature, String adviceClass) {
        this.className = className;
        this.superType = superType;
        this.nameContains = nameContains;
        this.methodName = methodName;
        this.methods = named(methodName).and(signature);
        this.adviceClass = adviceClass;
    }

    /**
     * The methods of that name and signature of the class of that (binary) name, e.g. {@code postParseRequest} of
     * {@code org.apache.catalina.connector.CoyoteAdapter}.
     */
    public static HookPoint inClass(String className, String methodName,
                                    ElementMatcher<? super MethodDescription> signature, String adviceClass) {
        return new HookPoint(className, null, null, methodName, signature, adviceClass);
    }

    /**
     * The methods of every class (not interface) that extends or implements {@code superType}, directly or not, and
     * whose name contains {@code nameContains}: the name test is what keeps the agent from reading the hierarchy of
     * every class loaded, so a class named otherwise is not instrumented.
     */
    public static HookPoint inSubtypes(String superType, String nameContains, String methodName,
                                       ElementMatcher<? super MethodDescription> signature, String adviceClass) {
        return new HookPoint(null, superType, nameContains, methodName, signature, adviceClass);
    }

    /** The binary name of the one class instrumented, or {@code null} for {@link #inSubtypes subtypes}. */
    public String className() {
        return className;
    }

    /** The binary name of the type the instrumented classes extend or implement, or {@code null} for one class. */
    public String superType() {
        return superType;
    }

    /** What the name of an instrumented subtype contains, or {@code null} for one class. */
    public String nameContains() {
        return nameContains;
    }

    /** The name of the methods the advice is inlined into. */
    public String methodName() {
        return methodName;
    }

    /** The methods, among those the class declares, the advice is inlined into: by name and signature. */
    public ElementMatcher<? super MethodDescription> methods() {
        return methods;
    }

    /** The binary name of the advice class, found through the hook's class loader. */
    public String adviceClass() {
        return adviceClass;
    }

    @Override
    public String toString() {
        return (className != null ? className : "subtypes of " + superType + " named *" + nameContains + "*")
                + " -> " + adviceClass;
    }
}
