package io.corsagent.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The outcome of loading a policy: a usable {@link Policy} with its warnings, or every error found. */
public final class LoadResult {

    private final String source;
    private final Policy policy;
    private final List<Problem> errors;
    private final List<Problem> warnings;

    LoadResult(String source, Policy policy, List<Problem> errors, List<Problem> warnings) {
        this.source = source;
        this.policy = policy;
        this.errors = Collections.unmodifiableList(errors);
        this.warnings = Collections.unmodifiableList(warnings);
    }

    /** The file, as given to the loader. */
    public String source() {
        return source;
    }

    /** Whether the policy has no errors and can be used. */
    public boolean isValid() {
        return policy != null;
    }

    /** @return the policy, or {@code null} when {@link #errors()} is not empty: a policy with errors is never used */
    public Policy policy() {
        return policy;
    }

    /** Every error, in line order. */
    public List<Problem> errors() {
        return errors;
    }

    /** Every warning, in line order; a valid policy may have some. */
    public List<Problem> warnings() {
        return warnings;
    }

    /** Errors and warnings together, in line order. */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>(errors);
        all.addAll(warnings);
        all.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return all;
    }
}
