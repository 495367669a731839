package io.corsagent.runtime;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.hooks.ContainerHook;
import io.corsagent.hooks.HookPoint;

/**
 * What the installed hooks actually guard in this JVM: per hook, the classes woven and the requests its entry advice
 * has seen, and the hooks switched off because a class they name could not be woven whole. The agent's state follows
 * from it ({@link #guardState}): installing hooks guards nothing until one is woven into a loaded class, and a
 * container the agent does not know, or a class loader that hides the bridge, must never pass for protection.
 *
 * <p>Written by the class-file transformer, read by the status; all access is under this object's lock, never on a
 * request's path (requests are counted by {@link CorsBridge}).
 */
final class HookLedger {

    /** A hook as installed, and what became of it. */
    private static final class Entry {
        final String name;
        /** The id its adapter counts requests under ({@link CorsBridge#requestsSeen}); {@code null}: decides nothing. */
        final String entryId;
        /** Whether its advice calls the bridge: only points that make the bridge reachable do not. */
        final boolean callsBridge;
        /** Whether it decides at the container's entry, ahead of container security; else it is the fallback. */
        final boolean containerEntry;
        final List<WovenClass> woven = new ArrayList<>();
        /**
         * The points whose advice is the hook's entry: those with the advice of its first point, which every hook
         * lists first. A hook guards only once one of them is woven: a commit alone decides nothing.
         */
        final List<HookPoint> entryPoints = new ArrayList<>();
        /** Whether a class with an entry point of the hook is woven. */
        boolean entryWoven;
        /** Why it is switched off, or {@code null} while it is not. */
        String switchedOff;
        /** The first class seen that the hook names but that lacks its method, or {@code null}; and that said. */
        String lackingClass;
        String lacking;

        Entry(String name, String entryId, boolean callsBridge, boolean containerEntry) {
            this.name = name;
            this.entryId = entryId;
            this.callsBridge = callsBridge;
            this.containerEntry = containerEntry;
        }
    }

    /** A class woven, by loader and name: the hook that wove it may have to be taken out again. */
    static final class WovenClass {
        private final WeakReference<ClassLoader> loader;
        final String name;

        WovenClass(ClassLoader loader, String name) {
            this.loader = new WeakReference<>(loader);
            this.name = name;
        }

        /** @return the class, or {@code null} when its loader is gone or it is not defined (any more) */
        Class<?> resolve() {
            ClassLoader classLoader = loader.get();
            try {
                return classLoader == null ? null : Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private volatile Consumer<List<WovenClass>> restorer = classes -> { };
    private final Map<HookPoint, Entry> entryOf = new IdentityHashMap<>();
    /** Class loaders found hiding the bridge, with the first class of theirs that was therefore not woven. */
    private final Map<ClassLoader, String> hidingLoaders = new WeakHashMap<>();

    /**
     * Registers a container hook: one that decides requests, or (its entry id {@code null}) one that watches.
     *
     * @param points the hook's points, the very instances installed
     */
    synchronized void add(ContainerHook hook, List<HookPoint> points) {
        add(new Entry(hook.name(), hook.entryId(), true, hook.isContainerEntry()), points);
    }

    /** Registers the points that make the bridge reachable for other hooks: {@link LoaderBridging}. */
    synchronized void addLoaderBridging(List<HookPoint> points) {
        add(new Entry(LoaderBridging.NAME, null, false, false), points);
    }

    private void add(Entry entry, List<HookPoint> points) {
        entries.put(entry.name, entry);
        for (HookPoint point : points) {
            if (point.adviceClass().equals(points.get(0).adviceClass())) {
                entry.entryPoints.add(point);
            }
        }
        for (HookPoint point : points) {
            entryOf.put(point, entry);
        }
    }

    /** The names of the hooks installed, in installation order. */
    synchronized List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    /** Whether a point's advice calls the bridge, which the woven class's loader must then see. */
    synchronized boolean callsBridge(HookPoint point) {
        return entryOf.get(point).callsBridge;
    }

    /** The points of hooks not switched off, in the given order. */
    synchronized List<HookPoint> inEffect(List<HookPoint> points) {
        List<HookPoint> kept = new ArrayList<>(points.size());
        for (HookPoint point : points) {
            if (entryOf.get(point).switchedOff == null) {
                kept.add(point);
            }
        }
        return kept;
    }

    /** The names of the hooks the points belong to, each once. */
    synchronized List<String> hooksOf(List<HookPoint> points) {
        List<String> names = new ArrayList<>();
        for (HookPoint point : points) {
            String name = entryOf.get(point).name;
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    synchronized void woven(ClassLoader loader, String className, List<HookPoint> applied) {
        for (HookPoint point : applied) {
            Entry entry = entryOf.get(point);
            entry.entryWoven |= entry.entryPoints.contains(point);
        }
        for (String hook : hooksOf(applied)) {
            List<WovenClass> classes = entries.get(hook).woven;
            classes.removeIf(known -> known.name.equals(className) && known.loader.get() == loader);
            classes.add(new WovenClass(loader, className));
        }
    }

    /** How the classes of a hook switched off are restored: set once, by the installer. */
    void restoreWith(Consumer<List<WovenClass>> restore) {
        this.restorer = restore;
    }

    /**
     * Switches a hook off: its points are no longer woven, and the classes it was woven into are restored, so that no
     * container runs half of a hook (an entry that stashes exchanges no commit ever settles).
     *
     * @param hook a hook's name, or a failure id of its advice ({@code tomcat.commit}): the part before the dot
     * @return whether it was switched off just now; {@code false} when it was already, or no hook has that name
     */
    boolean switchOff(String hook, String reason) {
        String id = hook.indexOf('.') < 0 ? hook : hook.substring(0, hook.indexOf('.'));
        List<WovenClass> restore = new ArrayList<>();
        boolean switched = false;
        synchronized (this) {
            for (Entry entry : entries.values()) {
                // By name, or by the entry id under which hooks sharing one advice (Jetty 9.4's and 10's) report.
                if ((entry.name.equals(id) || id.equals(entry.entryId)) && entry.switchedOff == null) {
                    entry.switchedOff = reason;
                    restore.addAll(entry.woven);
                    entry.woven.clear();
                    entry.entryWoven = false;
                    switched = true;
                }
            }
        }
        if (switched) {
            restorer.accept(restore);
        }
        return switched;
    }

    /**
     * The JVM refused to redefine a class the transformer wove (a retransformation that failed after the class file
     * was given): the hooks counted as woven into it are not, so they are switched off like any hook that cannot be
     * woven whole.
     *
     * @return the names of the hooks switched off now; empty when none was woven into that class
     */
    List<String> redefinitionRefused(Class<?> type, Throwable error) {
        List<String> hooks = new ArrayList<>();
        synchronized (this) {
            for (Entry entry : entries.values()) {
                for (WovenClass woven : entry.woven) {
                    if (woven.name.equals(type.getName()) && woven.loader.get() == type.getClassLoader()) {
                        hooks.add(entry.name);
                        break;
                    }
                }
            }
        }
        String reason = type.getName() + ": the JVM refused its redefinition (" + error + ")";
        hooks.removeIf(hook -> !switchOff(hook, reason));
        return hooks;
    }

    /**
     * Notes that a class a hook names lacks the hook's method there. Alone that means the hook is not for this
     * container (another line's class of the same name); once the hook is woven into another class, it is half-woven.
     *
     * @return the hooks of those points woven into a class already, which must therefore be switched off
     */
    synchronized List<String> lacking(List<HookPoint> points, String className, String reason) {
        List<String> half = new ArrayList<>();
        for (HookPoint point : points) {
            Entry entry = entryOf.get(point);
            if (entry.lackingClass == null) {
                entry.lackingClass = className;
                entry.lacking = reason;
            }
            if (!entry.woven.isEmpty() && !half.contains(entry.name)) {
                half.add(entry.name);
            }
        }
        return half;
    }

    /**
     * The hooks of these points that a class other than this one was found to lack, with why: weaving any of them
     * into this class would weave half of it.
     */
    synchronized Map<String, String> lackingElsewhere(List<HookPoint> points, String className) {
        Map<String, String> lacking = new LinkedHashMap<>();
        for (HookPoint point : points) {
            Entry entry = entryOf.get(point);
            if (entry.lackingClass != null && !entry.lackingClass.equals(className)) {
                lacking.put(entry.name, entry.lacking);
            }
        }
        return lacking;
    }

    /** @return whether this is the first class of that loader found unable to see the bridge */
    synchronized boolean hidesBridge(ClassLoader loader, String className) {
        if (hidingLoaders.containsKey(loader)) {
            return false;
        }
        hidingLoaders.put(loader, className);
        return true;
    }

    /** Whether any hook that decides requests is woven into a loaded class: the agent then guards something. */
    synchronized boolean isGuarding() {
        for (Entry entry : entries.values()) {
            if (entry.entryId != null && entry.switchedOff == null && entry.entryWoven) {
                return true;
            }
        }
        return false;
    }

    private boolean isGuardingAtEntry() {
        for (Entry entry : entries.values()) {
            if (entry.containerEntry && entry.entryId != null && entry.switchedOff == null && entry.entryWoven) {
                return true;
            }
        }
        return false;
    }

    /**
     * The agent's state, for a valid policy in effect: {@code active} when hooks guard and none was switched off,
     * {@code degraded} when hooks guard but one was switched off or a class loader hides the bridge, and
     * {@code not-guarding} when no hook is woven into any loaded class.
     */
    synchronized String guardState() {
        if (!isGuarding()) {
            return "not-guarding";
        }
        return problems().isEmpty() ? "active" : "degraded";
    }

    /**
     * Why the agent is not {@code active} although its policy is in effect, or what limits it when it is; empty when
     * a container's entry hook guards and nothing is wrong.
     */
    synchronized String reason() {
        List<String> problems = problems();
        if (isGuarding()) {
            if (problems.isEmpty() && !isGuardingAtEntry()) {
                return "only the servlet-level fallback guards: container security and the filters ahead of it run"
                        + " first (no entry hook for this container)";
            }
            return String.join(" | ", problems);
        }
        if (problems.isEmpty()) {
            return "no class of a supported container is loaded (yet): requests reach no hook";
        }
        return String.join(" | ", problems);
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.switchedOff != null) {
                problems.add("hook " + entry.name + " switched off: " + entry.switchedOff);
            }
        }
        for (Map.Entry<ClassLoader, String> hiding : hidingLoaders.entrySet()) {
            problems.add(hiding.getValue() + " not woven: its class loader " + hiding.getKey().getClass().getName()
                    + " does not see the bridge");
        }
        return problems;
    }

    /** Per hook woven: {@code tomcat (2 classes, 15 requests)}; {@code none} when none is. */
    synchronized String guarding() {
        List<String> parts = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.entryId == null || entry.woven.isEmpty()) {
                continue;
            }
            parts.add(entry.name + " (" + entry.woven.size() + (entry.woven.size() == 1 ? " class, " : " classes, ")
                    + (entry.entryWoven ? CorsBridge.requestsSeen(entry.entryId) + " requests)"
                            : "its entry not woven)"));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The classes woven per hook, at most {@value #LISTED} named each: {@code tomcat: a.B c.D}. */
    synchronized String wovenClasses() {
        List<String> parts = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.woven.isEmpty()) {
                continue;
            }
            StringBuilder part = new StringBuilder(entry.name).append(':');
            for (int i = 0; i < entry.woven.size() && i < LISTED; i++) {
                part.append(' ').append(entry.woven.get(i).name);
            }
            if (entry.woven.size() > LISTED) {
                part.append(" and ").append(entry.woven.size() - LISTED).append(" more");
            }
            parts.add(part.toString());
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static final int LISTED = 8;
}
