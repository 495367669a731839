package io.corsagent.policy;

/** What the agent does with its decisions. */
public enum Mode {
    /** Answers preflights, refuses where the policy says so, and sets the CORS headers of every covered response. */
    ENFORCE,
    /** Changes nothing; reports what {@link #ENFORCE} would have done. */
    AUDIT,
    /** Changes nothing; observes like {@link #AUDIT}. */
    OFF;

    /** The value as written in the policy file and on the command line. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the mode for {@code enforce}, {@code audit} or {@code off} (exactly, lower case), else {@code null} */
    public static Mode fromKeyword(String keyword) {
        for (Mode mode : values()) {
            if (mode.keyword().equals(keyword)) {
                return mode;
            }
        }
        return null;
    }
}
