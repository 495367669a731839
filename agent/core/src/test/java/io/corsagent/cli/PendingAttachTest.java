package io.corsagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The background attach reports what finding the JVM reported, on the command's thread, with its exit code. */
class PendingAttachTest {

    /** Above Linux's pid_max (4194304): never a process. */
    private static final String NO_PID = "99999999";

    @Test
    void aPidWithoutProcessFailsAwaitWithTheFindersMessageAndExitCode() {
        CommandFailure failure = assertThrows(CommandFailure.class, () -> PendingAttach.start(NO_PID).await());

        assertEquals(ExitCode.NO_SUCH_PROCESS, failure.exitCode());
        assertEquals("no process with pid " + NO_PID + "; 'java -jar cors-agent.jar list' shows the JVMs you can"
                + " attach to", failure.getMessage());
    }

    @Test
    void theCommandsOwnJvmIsRefusedWithoutAttaching() {
        String self = JvmProcess.ownPid();

        CommandFailure failure = assertThrows(CommandFailure.class, () -> PendingAttach.start(self).await());

        assertEquals(ExitCode.NO_SUCH_PROCESS, failure.exitCode());
        assertEquals("process " + self + " is this command's own JVM", failure.getMessage());
    }

    @Test
    void abandoningLeavesTheFailureUnreportedAndAwaitStillReportsIt() throws Exception {
        PendingAttach pending = PendingAttach.start(NO_PID);

        pending.abandon();

        assertEquals(ExitCode.NO_SUCH_PROCESS,
                assertThrows(CommandFailure.class, pending::await).exitCode());
    }

    @Test
    void ownPidIsThisProcesssPid() {
        assertEquals(Long.toString(ProcessHandle.current().pid()), JvmProcess.ownPid());
    }
}
