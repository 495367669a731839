package io.corsagent.runtime;

import java.util.Locale;

/**
 * The agent argument: {@code <policy file>[,mode=enforce|audit|off][,hooks=all|servlet][,weave-cache=on|off]}.
 *
 * <p>{@code mode} overrides the policy file's own mode until the next attach. {@code hooks=servlet} turns the
 * container-specific hooks off and leaves only the servlet-level fallback (for containers we have no hook
 * for, and to test the fallback on containers we do). {@code weave-cache=off} weaves every class at every start
 * instead of keeping the woven classes for the next (see {@link WovenClassCache}). {@code attach-id} is set by the attach command, which
 * reads it back from the agent's published status to know that the target took this very attach.
 */
public final class AgentArguments {

    /** Which hooks to install. */
    public enum Hooks { ALL, SERVLET }

    private final String policyFile;
    private final String mode;
    private final Hooks hooks;
    private final boolean weaveCache;
    private final String attachId;

    private AgentArguments(String policyFile, String mode, Hooks hooks, boolean weaveCache, String attachId) {
        this.policyFile = policyFile;
        this.mode = mode;
        this.hooks = hooks;
        this.weaveCache = weaveCache;
        this.attachId = attachId;
    }

    /** @throws IllegalArgumentException naming what is wrong with the argument */
    public static AgentArguments parse(String argument) {
        if (argument == null || argument.trim().isEmpty()) {
            throw new IllegalArgumentException(
                    "no policy file given: use -javaagent:cors-agent.jar=/path/to/policy.properties");
        }
        String[] parts = argument.split(",");
        String policyFile = parts[0].trim();
        String mode = null;
        Hooks hooks = Hooks.ALL;
        boolean weaveCache = true;
        String attachId = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int equals = part.indexOf('=');
            String key = equals < 0 ? part : part.substring(0, equals).trim();
            String value = equals < 0 ? "" : part.substring(equals + 1).trim().toLowerCase(Locale.ROOT);
            if (key.equals("mode")) {
                if (!value.equals("enforce") && !value.equals("audit") && !value.equals("off")) {
                    throw new IllegalArgumentException("mode=" + value + ": use enforce, audit or off");
                }
                mode = value;
            } else if (key.equals("hooks")) {
                if (!value.equals("all") && !value.equals("servlet")) {
                    throw new IllegalArgumentException("hooks=" + value + ": use all or servlet");
                }
                hooks = value.equals("all") ? Hooks.ALL : Hooks.SERVLET;
            } else if (key.equals("weave-cache")) {
                if (!value.equals("on") && !value.equals("off")) {
                    throw new IllegalArgumentException("weave-cache=" + value + ": use on or off");
                }
                weaveCache = value.equals("on");
            } else if (key.equals("attach-id")) {
                attachId = value;
            } else {
                throw new IllegalArgumentException("unknown agent option '" + key
                        + "': the argument is <policy file>[,mode=enforce|audit|off][,hooks=all|servlet]"
                        + "[,weave-cache=on|off]");
            }
        }
        return new AgentArguments(policyFile, mode, hooks, weaveCache, attachId);
    }

    public String policyFile() {
        return policyFile;
    }

    /** @return the mode given on the command line, overriding the policy file's, or {@code null} */
    public String mode() {
        return mode;
    }

    public Hooks hooks() {
        return hooks;
    }

    /** @return where woven classes are kept from one start to the next: {@link WovenClassCache#NONE} when off */
    WovenClassCache weaveCache() {
        return weaveCache ? WovenClassCache.besideAgentBundle() : WovenClassCache.NONE;
    }

    /** @return the id the attach command gave this attach, or {@code null} */
    public String attachId() {
        return attachId;
    }
}
