package io.corsagent.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loads a policy file. Never throws for anything about the file (missing, unreadable, invalid): every problem
 * comes back in the {@link LoadResult}, and a policy is returned only when there are no errors, so a caller can
 * never apply half of one.
 */
public final class PolicyLoader {

    private PolicyLoader() {
    }

    /** Reads and validates a UTF-8 file. */
    public static LoadResult load(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return failure(name, "cannot read the policy file: " + describe(e), "check the path and its permissions");
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return failure(name, "the policy file is not UTF-8 text", "save it as UTF-8");
        }
        return parse(name, content);
    }

    /** Validates policy text; {@code name} is what problems report as the file. */
    public static LoadResult parse(String name, String content) {
        return new PolicyParser(name).parse(content);
    }

    private static LoadResult failure(String name, String message, String fix) {
        List<Problem> errors = new ArrayList<>();
        errors.add(new Problem(Problem.Severity.ERROR, name, 0, null, message, fix));
        return new LoadResult(name, null, errors, Collections.<Problem>emptyList());
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
