package io.corsagent.tests.attach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A policy file that tests edit the way operators should: write a temporary file beside it, then rename it over
 * the old one in one atomic step, so the agent never reads half a file.
 */
final class PolicyFile {

    private final Path path;

    PolicyFile(Path path) {
        this.path = path;
    }

    /** Creates (or replaces) the file with this content. */
    static PolicyFile write(Path path, String content) {
        PolicyFile file = new PolicyFile(path);
        file.publish(content);
        return file;
    }

    Path path() {
        return path;
    }

    void publish(String content) {
        try {
            Path temporary = Files.createTempFile(path.getParent(), ".policy-", ".tmp");
            Files.writeString(temporary, content);
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
