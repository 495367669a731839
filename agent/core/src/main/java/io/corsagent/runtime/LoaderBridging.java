package io.corsagent.runtime;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Arrays;
import java.util.List;

import io.corsagent.hooks.HookPoint;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The module systems whose class loaders do not delegate the agent's bridge to the bootstrap class path, and the
 * points that make them: JBoss Modules (WildFly, JBoss EAP) answers only from a module's dependencies and the packages
 * of {@code jboss.modules.system.pkgs}, OSGi frameworks (Equinox in Open Liberty, Felix in GlassFish) only from
 * imports and {@code org.osgi.framework.bootdelegation}. Both are read once at start, so setting them from the agent
 * would not serve an attach: the loaders' {@code loadClass} is woven instead ({@link BootDelegationAdvice}), before
 * any container class, since these classes load first. A loader that is none of these and still hides the bridge is
 * found by {@link BridgeVisibility} before a container class of it is woven.
 */
final class LoaderBridging {

    /** The name the agent's status and log give these points. */
    static final String NAME = "class-loaders";

    private static final String ADVICE = BootDelegationAdvice.class.getName();

    private LoaderBridging() {
    }

    static List<HookPoint> points() {
        ElementMatcher.Junction<MethodDescription> byName = takesArgument(0, String.class)
                .and(takesArguments(1).or(takesArguments(2).and(takesArgument(1, boolean.class))));
        return Arrays.asList(
                // Both its loadClass methods are final and neither calls the other.
                HookPoint.inClass("org.jboss.modules.ConcurrentClassLoader", "loadClass", byName, ADVICE),
                HookPoint.inClass("org.eclipse.osgi.internal.loader.ModuleClassLoader", "loadClass", byName, ADVICE),
                HookPoint.inClass("org.apache.felix.framework.BundleWiringImpl$BundleClassLoader", "loadClass", byName,
                        ADVICE));
    }

    /** The fix an operator can apply by hand where the agent cannot reach a loader's delegation. */
    static String manualFix(ClassLoader loader) {
        String type = loader.getClass().getName();
        if (type.startsWith("org.jboss.modules.")) {
            return "add io.corsagent.bridge to -Djboss.modules.system.pkgs (JBoss Modules)";
        }
        if (type.startsWith("org.eclipse.osgi.") || type.startsWith("org.apache.felix.")) {
            // The package itself: Equinox reads x.* as the packages below x, not x.
            return "add io.corsagent.bridge to the OSGi framework property org.osgi.framework.bootdelegation";
        }
        return "make " + type + " delegate the package io.corsagent.bridge to its parent (or to the bootstrap class"
                + " loader), as every class loader does for java.*";
    }
}
