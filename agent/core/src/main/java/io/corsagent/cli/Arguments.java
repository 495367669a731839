package io.corsagent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: positionals, {@code --flag}s and {@code --option value} (or {@code --option=value}),
 * options possibly repeated. Unknown options are usage errors, so a typo never silently changes the result.
 */
final class Arguments {

    private final List<String> positionals = new ArrayList<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();

    /**
     * @param flags         options without a value, such as {@code --json}
     * @param valueOptions  options that take a value, such as {@code --origin}
     */
    static Arguments parse(List<String> arguments, Set<String> flags, Set<String> valueOptions)
            throws UsageException {
        Arguments parsed = new Arguments();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--") || argument.equals("--")) {
                parsed.positionals.add(argument);
                continue;
            }
            String name = argument;
            String value = null;
            int equals = argument.indexOf('=');
            if (equals > 0) {
                name = argument.substring(0, equals);
                value = argument.substring(equals + 1);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                parsed.add(name, "");
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 == arguments.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = arguments.get(++i);
                }
                parsed.add(name, value);
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return parsed;
    }

    private void add(String name, String value) {
        List<String> values = options.get(name);
        if (values == null) {
            values = new ArrayList<>();
            options.put(name, values);
        }
        values.add(value);
    }

    List<String> positionals() {
        return positionals;
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    /** Every value of a repeatable option, in order; empty when absent. */
    List<String> all(String name) {
        List<String> values = options.get(name);
        return values == null ? new ArrayList<String>() : values;
    }

    /** @return the option's value, or {@code null} when absent; a usage error when given twice */
    String single(String name) throws UsageException {
        List<String> values = all(name);
        if (values.size() > 1) {
            throw new UsageException(name + " given " + values.size() + " times; give it once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    String required(String name) throws UsageException {
        String value = single(name);
        if (value == null) {
            throw new UsageException(name + " is required");
        }
        return value;
    }
}
